# SPDX-License-Identifier: MIT
# Turn the file IN into a C array (machine_default_yaml) in OUT.
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" n)
math(EXPR len "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
file(WRITE ${OUT} "/* Generated from machines/default.yaml; do not edit. */\n"
  "#include <stddef.h>\n"
  "extern const char machine_default_yaml[];\n"
  "extern const size_t machine_default_yaml_len;\n"
  "const char machine_default_yaml[] = {${bytes} 0};\n"
  "const size_t machine_default_yaml_len = ${len};\n")
