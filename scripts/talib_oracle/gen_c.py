# Generates tests/data/talib_ttrc_calls_c.csv: group-C TA-Lib functions at non-default periods.
import subprocess, sys
outs = {'BETA':['outReal'],'CORREL':['outReal'],'LINEARREG':['outReal'],'LINEARREG_ANGLE':['outReal'],
 'LINEARREG_INTERCEPT':['outReal'],'LINEARREG_SLOPE':['outReal'],'TSF':['outReal'],'AVGDEV':['outReal'],
 'MIDPOINT':['outReal'],'MIDPRICE':['outReal'],'SUM':['outReal'],'MAX':['outReal'],'MIN':['outReal'],
 'MAXINDEX':['outInteger'],'MININDEX':['outInteger'],'MINMAX':['outMin','outMax'],
 'MINMAXINDEX':['outMinIdx','outMaxIdx']}
calls = [('BETA',2),('BETA',9),('CORREL',2),('CORREL',10),('LINEARREG',5),('LINEARREG',30),
 ('LINEARREG_ANGLE',7),('LINEARREG_INTERCEPT',9),('LINEARREG_SLOPE',21),('TSF',6),('TSF',40),
 ('AVGDEV',5),('AVGDEV',30),('MIDPOINT',7),('MIDPRICE',9),('SUM',5),('SUM',63),('MAX',7),('MAX',50),
 ('MIN',7),('MIN',50),('MAXINDEX',9),('MININDEX',9),('MINMAX',11),('MINMAXINDEX',13)]
with open(sys.argv[1],'w') as f:
    f.write('call,output,row,value\n')
    for fn, p in calls:
        key = '%s(%d)' % (fn, p)
        lines = subprocess.run(['./oracle_c','ttrc.csv',fn,str(p)],capture_output=True,text=True,check=True).stdout.split()
        rows = [l.split(',') for l in lines]
        first = int(rows[0][0]); last = int(rows[-1][0])
        f.write('%s,lookback,%d,%d\n' % (key, first, first))
        for r in rows:
            i = int(r[0])
            if i - first < 20 or i % 100 == 0 or last - i < 5:
                for k, o in enumerate(outs[fn]):
                    f.write('%s,%s,%d,%s\n' % (key, o, i, r[k+1]))
print('ok')
