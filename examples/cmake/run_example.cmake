# Runs an example (cmake -P) and compares its standard output with the expected output file.
#   EXE       the example program      ARGS      its arguments (a ;-list, optional)
#   EXPECTED  expected_output.txt      WORKDIR   working directory
execute_process(COMMAND "${EXE}" ${ARGS} WORKING_DIRECTORY "${WORKDIR}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "example exited with ${rc}\n${out}\n${err}")
endif()
if(EXPECTED AND EXISTS "${EXPECTED}")
  file(READ "${EXPECTED}" want)
  string(REPLACE "\r\n" "\n" out "${out}")
  string(REPLACE "\r\n" "\n" want "${want}")
  if(NOT out STREQUAL want)
    file(WRITE "${WORKDIR}/actual_output.txt" "${out}")
    message(FATAL_ERROR "output differs from ${EXPECTED}\n--- got ---\n${out}\n"
                        "(written to ${WORKDIR}/actual_output.txt)")
  endif()
endif()
message(STATUS "${out}")
