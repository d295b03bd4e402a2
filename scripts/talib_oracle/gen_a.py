import subprocess, sys
outs = {'DEMA':['outReal'],'TEMA':['outReal'],'TRIMA':['outReal'],'KAMA':['outReal'],'T3':['outReal'],'MA':['outReal'],
 'MAMA':['outMAMA','outFAMA'],'MAVP':['outReal'],'BBANDS':['outRealUpperBand','outRealMiddleBand','outRealLowerBand'],
 'ACCBANDS':['outRealUpperBand','outRealMiddleBand','outRealLowerBand'],'APO':['outReal'],'PPO':['outReal'],
 'MACD':['outMACD','outMACDSignal','outMACDHist'],'MACDEXT':['outMACD','outMACDSignal','outMACDHist'],
 'MACDFIX':['outMACD','outMACDSignal','outMACDHist'],'TRIX':['outReal'],'STOCH':['outSlowK','outSlowD'],
 'STOCHF':['outFastK','outFastD'],'STOCHRSI':['outFastK','outFastD']}
calls = [('DEMA',[5]),('TEMA',[7]),('TRIMA',[8]),('TRIMA',[9]),('KAMA',[10]),('T3',[9,0.4]),
 ('MA',[1,0])] + [('MA',[10,t]) for t in range(1,9)] + [
 ('MAMA',[0.3,0.1]),('MAVP',[5,20,1]),('MAVP',[3,12,6]),
 ('BBANDS',[20,1.5,2.5,1]),('BBANDS',[10,2,2,5]),('BBANDS',[14,2,1,7]),('ACCBANDS',[7]),
 ('APO',[5,35,1]),('APO',[30,10,3]),('PPO',[5,35,2]),('PPO',[10,21,1]),
 ('MACD',[5,35,5]),('MACD',[26,12,9]),('MACDEXT',[12,1,26,1,9,1]),('MACDEXT',[5,3,20,7,4,8]),('MACDEXT',[8,6,21,2,5,5]),('MACDEXT',[12,7,34,0,9,0]),('MACDEXT',[12,7,15,8,3,7]),
 ('MACDFIX',[5]),('TRIX',[9]),('STOCH',[14,3,1,3,1]),('STOCH',[9,5,7,4,2]),('STOCHF',[14,3,1]),('STOCHF',[8,5,4]),
 ('STOCHRSI',[9,9,3,1]),('STOCHRSI',[14,14,5,6])]
def fmt(v): return str(int(v)) if float(v).is_integer() else repr(v)
with open(sys.argv[1],'w') as f:
    f.write('call,output,row,value\n')
    for fn, a in calls:
        key = fn + '(' + ' '.join(fmt(x) for x in a) + ')'
        lines = subprocess.run(['./oracle_a','ttrc.csv',fn]+[str(x) for x in a],capture_output=True,text=True,check=True).stdout.split()
        rows = [l.split(',') for l in lines]
        first = int(rows[0][0]); last = int(rows[-1][0])
        # the lookback: a row with output "lookback"
        f.write('%s,lookback,%d,%d\n' % (key, first, first))
        for r in rows:
            i = int(r[0])
            if i - first < 20 or i % 100 == 0 or last - i < 5:
                for k, o in enumerate(outs[fn]):
                    f.write('%s,%s,%d,%s\n' % (key, o, i, r[k+1]))
print('ok')
