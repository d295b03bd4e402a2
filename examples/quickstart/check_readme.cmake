# Fails unless README contains SOURCE verbatim (the README's example is a compiled, tested program).
file(READ "${README}" readme)
file(READ "${SOURCE}" source)
string(FIND "${readme}" "${source}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "README.md does not quote ${SOURCE} verbatim: update the README's example")
endif()
