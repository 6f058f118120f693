# Runs one stompcheck command line and checks its exit code and output (stdout + stderr).
#   cmake -DEXE=... -DARGS=a|b|c -DRC=1 [-DSTDIN=file] [-DMATCH=regex] [-DNOMATCH=regex]
#         [-DENV=K=V|K2=V2] [-DFILES=f1|f2 [-DFILE_MATCH=regex] [-DFILE_NOMATCH=regex]]
#         [-DABSENT=f1|f2] [-DSTDOUT_JSON=key] [-DSTDOUT_MATCH=regex] -P run_cli.cmake
# Arguments are separated by '|' so that they survive add_test(); in them and in the ENV
# values, <CR> and <LF> stand for those octets. ENV is the environment of the run, which
# otherwise holds no STOMPCHECK_LOGIN / STOMPCHECK_PASSCODE. FILES are removed before the run
# and must exist after it; each must match FILE_MATCH and not FILE_NOMATCH. ABSENT files are
# removed before the run and must not exist after it. STDOUT_JSON: standard output alone must
# be one JSON document with that top-level key; STDOUT_MATCH: standard output alone must match.
string(ASCII 13 cr)
string(ASCII 10 lf)
foreach(var ARGS ENV)
  string(REPLACE "<CR>" "${cr}" ${var} "${${var}}")
  string(REPLACE "<LF>" "${lf}" ${var} "${${var}}")
endforeach()
string(REPLACE "|" ";" args "${ARGS}")
string(REPLACE "|" ";" files "${FILES}")
string(REPLACE "|" ";" absent "${ABSENT}")
string(REPLACE "|" ";" env "${ENV}")
foreach(f IN LISTS files absent)
  file(REMOVE "${f}")
endforeach()
set(input)
if(DEFINED STDIN)
  set(input INPUT_FILE "${STDIN}")
endif()
# `cmake -E env`, not set(ENV{}), which would take an empty value for an unset variable.
set(run "${CMAKE_COMMAND}" -E env --unset=STOMPCHECK_LOGIN --unset=STOMPCHECK_PASSCODE ${env}
        "${EXE}" ${args})
if(DEFINED STDOUT_JSON OR DEFINED STDOUT_MATCH)
  execute_process(COMMAND ${run} ${input}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr TIMEOUT 120)
  set(out "${stdout}${stderr}")
else()
  execute_process(COMMAND ${run} ${input}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out TIMEOUT 120)
endif()
message("$ stompcheck ${args}\n${out}exit ${rc}")
if(DEFINED STDOUT_JSON)
  string(JSON value ERROR_VARIABLE json_error GET "${stdout}" "${STDOUT_JSON}")
  if(json_error OR NOT stdout MATCHES "^{")
    message(FATAL_ERROR "standard output is not JSON with '${STDOUT_JSON}': ${json_error}")
  endif()
endif()
if(DEFINED STDOUT_MATCH AND NOT stdout MATCHES "${STDOUT_MATCH}")
  message(FATAL_ERROR "standard output does not match: ${STDOUT_MATCH}")
endif()
if(NOT rc STREQUAL "${RC}")
  message(FATAL_ERROR "expected exit ${RC}, got ${rc}")
endif()
if(DEFINED MATCH AND NOT out MATCHES "${MATCH}")
  message(FATAL_ERROR "output does not match: ${MATCH}")
endif()
if(DEFINED NOMATCH AND out MATCHES "${NOMATCH}")
  message(FATAL_ERROR "output matches what it must not: ${NOMATCH}")
endif()
foreach(f IN LISTS files)
  if(NOT EXISTS "${f}")
    message(FATAL_ERROR "${f} was not written")
  endif()
  file(READ "${f}" content)
  if(DEFINED FILE_MATCH AND NOT content MATCHES "${FILE_MATCH}")
    message(FATAL_ERROR "${f} does not match: ${FILE_MATCH}")
  endif()
  if(DEFINED FILE_NOMATCH AND content MATCHES "${FILE_NOMATCH}")
    message(FATAL_ERROR "${f} matches what it must not: ${FILE_NOMATCH}")
  endif()
endforeach()
foreach(f IN LISTS absent)
  if(EXISTS "${f}")
    message(FATAL_ERROR "${f} was written")
  endif()
endforeach()
