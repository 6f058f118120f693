# Shared build settings and one helper per kind of target.
include(CTest)

add_library(stompcheck_warnings INTERFACE)
target_compile_options(stompcheck_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Wold-style-cast
  -Wimplicit-fallthrough $<$<BOOL:${STOMPCHECK_WERROR}>:-Werror>)

add_library(stompcheck_sanitizers INTERFACE)
if(STOMPCHECK_SANITIZE)
  target_compile_options(stompcheck_sanitizers INTERFACE
    -fsanitize=${STOMPCHECK_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(stompcheck_sanitizers INTERFACE -fsanitize=${STOMPCHECK_SANITIZE})
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang" AND STOMPCHECK_SANITIZE MATCHES "undefined")
    # clang 14 + UBSan cannot build coroutine code without this (STYLE.md toolchain facts).
    target_compile_options(stompcheck_sanitizers INTERFACE -fno-sanitize=function)
  endif()
endif()

if(STOMPCHECK_BUILD_TESTS)
  find_package(GTest REQUIRED)
  include(GoogleTest)
endif()

# stompcheck_test(NAME SOURCES... LABELS l1 l2 LIBS lib...)
function(stompcheck_test name)
  cmake_parse_arguments(T "" "" "SOURCES;LABELS;LIBS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gtest_main stompcheck_warnings
                                        stompcheck_sanitizers)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR})
  gtest_discover_tests(${name} PROPERTIES LABELS "${T_LABELS}"
                       WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} DISCOVERY_TIMEOUT 60)
  # CMake 3.25's gtest_discover_tests() keeps only the first of several LABELS: set them all
  # from a script that ctest includes after the discovered tests (${name}_TESTS lists them).
  set(labels_script ${CMAKE_CURRENT_BINARY_DIR}/${name}_ctest_labels.cmake)
  file(WRITE ${labels_script} "if(${name}_TESTS)\n  set_tests_properties(\${${name}_TESTS} "
                              "PROPERTIES LABELS \"${T_LABELS}\")\nendif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${labels_script})
endfunction()
