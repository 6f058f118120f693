# Runs one stompcheck command line and checks its exit code and output (stdout + stderr).
#   cmake -DEXE=... -DARGS=a|b|c -DRC=1 [-DSTDIN=file] [-DMATCH=regex] [-DNOMATCH=regex]
#         -P run_cli.cmake
# Arguments are separated by '|' so that they survive add_test().
string(REPLACE "|" ";" args "${ARGS}")
set(input)
if(DEFINED STDIN)
  set(input INPUT_FILE "${STDIN}")
endif()
execute_process(COMMAND "${EXE}" ${args} ${input}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out TIMEOUT 30)
message("$ stompcheck ${args}\n${out}exit ${rc}")
if(NOT rc STREQUAL "${RC}")
  message(FATAL_ERROR "expected exit ${RC}, got ${rc}")
endif()
if(DEFINED MATCH AND NOT out MATCHES "${MATCH}")
  message(FATAL_ERROR "output does not match: ${MATCH}")
endif()
if(DEFINED NOMATCH AND out MATCHES "${NOMATCH}")
  message(FATAL_ERROR "output matches what it must not: ${NOMATCH}")
endif()
