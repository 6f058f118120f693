# Standalone Asio (Debian libasio-dev ships no CMake package): an INTERFACE target.
if(NOT TARGET stompcheck_asio)
  find_path(ASIO_INCLUDE_DIR asio.hpp REQUIRED)
  find_package(Threads REQUIRED)
  add_library(stompcheck_asio INTERFACE)
  target_include_directories(stompcheck_asio SYSTEM INTERFACE ${ASIO_INCLUDE_DIR})
  target_compile_definitions(stompcheck_asio INTERFACE ASIO_STANDALONE ASIO_NO_DEPRECATED)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    # clang 14 does not advertise coroutines to Asio 1.22 (STYLE.md toolchain facts).
    target_compile_definitions(stompcheck_asio INTERFACE ASIO_HAS_CO_AWAIT=1
                                                         ASIO_HAS_STD_COROUTINE=1)
  endif()
  target_link_libraries(stompcheck_asio INTERFACE Threads::Threads)
endif()
