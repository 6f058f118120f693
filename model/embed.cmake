# cmake -DIN=file -DOUT=file.cpp -DNAME=symbol -P embed.cmake: writes a C++ source that defines
# `std::string_view stompcheck::NAME()` returning the octets of IN, as hex bytes (no string
# literal length limit, any octet allowed).
file(READ "${IN}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
get_filename_component(in_name "${IN}" NAME)
file(WRITE "${OUT}.tmp" "// Generated from ${in_name} by model/embed.cmake: do not edit.\n"
  "#include <string_view>\nnamespace stompcheck {\nnamespace {\n"
  "constexpr char kData[] = {${bytes} '\\0'};\n}  // namespace\n"
  "std::string_view ${NAME}() { return {kData, sizeof kData - 1}; }\n}  // namespace stompcheck\n")
file(RENAME "${OUT}.tmp" "${OUT}")
