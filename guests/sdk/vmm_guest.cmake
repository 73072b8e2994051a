# SPDX-License-Identifier: MIT
# How a guest is compiled and linked against the SDK: the one recipe used by
# this repository's build (guests/sdk/CMakeLists.txt) and by the installed
# CMake package (find_package(vmm)). Where the SDK's files lie is the
# includer's business; it says so through these global properties:
#
#   VMM_GUEST_SDK_INCLUDE        the C headers (vmm_guest.h, vmm_abi.h, ...)
#   VMM_GUEST_SDK_NASM_INCLUDE   the directory holding vmm_abi.inc
#   VMM_GUEST_SDK_CRT0_<BITS>    the crt0 object (_start), BITS 64 or 32
#   VMM_GUEST_SDK_LIB_<BITS>     libvmmguest<BITS>.a
#   VMM_GUEST_SDK_LDS_<BITS>     link<BITS>.ld
#   VMM_GUEST_SDK_DEPS_<BITS>    targets building the three above (in tree)
#   VMM_GUEST_SDK_NASM_DEPS      target generating vmm_abi.inc (in tree)
#   VMM_GUEST_SDK_ALL            true: every guest is part of ALL
#
# Guests are built by custom commands calling the compiler with their own
# flags only, so the host's warnings, sanitizers and CFLAGS never reach them.

# vmm_guest_setup(INCLUDE_DIR): find the guest compiler, objcopy and the
# compiler's own headers, and set the guest flags. Call once, first.
function(vmm_guest_setup include_dir)
  if(CMAKE_C_COMPILER)
    set(cc_default ${CMAKE_C_COMPILER})
  else()
    find_program(cc_default NAMES gcc cc REQUIRED)
  endif()
  set(VMM_GUEST_CC ${cc_default} CACHE FILEPATH
    "Compiler for the freestanding guests (gcc)")
  if(CMAKE_OBJCOPY)
    set(objcopy_default ${CMAKE_OBJCOPY})
  else()
    find_program(objcopy_default objcopy REQUIRED)
  endif()
  set(VMM_GUEST_OBJCOPY ${objcopy_default} CACHE FILEPATH
    "objcopy that turns guest ELF files into raw images")

  # The compiler's own headers (stdint.h, stdarg.h, ...): the only system
  # headers a guest sees.
  execute_process(COMMAND ${VMM_GUEST_CC} -print-file-name=include
    OUTPUT_VARIABLE cc_include OUTPUT_STRIP_TRAILING_WHITESPACE
    RESULT_VARIABLE cc_result)
  if(NOT cc_result EQUAL 0 OR NOT IS_DIRECTORY "${cc_include}")
    message(FATAL_ERROR "guests: '${VMM_GUEST_CC} -print-file-name=include' "
      "did not name the compiler's header directory")
  endif()

  file(GLOB headers ${include_dir}/*.h)
  set(common_flags -std=c11 -O2 -g -ffreestanding -nostdinc
    -isystem ${cc_include} -I${include_dir}
    -fno-pic -fno-pie -fno-stack-protector -fno-asynchronous-unwind-tables
    -fno-unwind-tables -fno-tree-loop-distribute-patterns -fno-common
    -ffunction-sections -fdata-sections -mgeneral-regs-only
    -Wall -Wextra -Wshadow -Wformat=2 -Wvla -Wstrict-prototypes
    -Wmissing-prototypes)
  set_property(GLOBAL PROPERTY VMM_GUEST_CFLAGS_64
    -m64 -mno-red-zone ${common_flags})
  set_property(GLOBAL PROPERTY VMM_GUEST_CFLAGS_32 -m32 ${common_flags})
  set_property(GLOBAL PROPERTY VMM_GUEST_SDK_HEADERS ${headers})
  set_property(GLOBAL PROPERTY VMM_GUEST_SDK_INCLUDE ${include_dir})
endfunction()

# vmm_guest_compile(OUT_VAR BITS SOURCE OBJDIR): a custom command compiling
# SOURCE (C or .S) for a BITS-bit guest; OUT_VAR receives the object path.
function(vmm_guest_compile out_var bits src objdir)
  get_property(flags GLOBAL PROPERTY VMM_GUEST_CFLAGS_${bits})
  get_property(headers GLOBAL PROPERTY VMM_GUEST_SDK_HEADERS)
  get_filename_component(src ${src} ABSOLUTE)
  get_filename_component(name ${src} NAME)
  set(obj ${objdir}/${name}.o)
  add_custom_command(OUTPUT ${obj}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${objdir}
    COMMAND ${VMM_GUEST_CC} ${flags} -c ${src} -o ${obj}
    DEPENDS ${src} ${headers}
    COMMENT "Building ${bits}-bit guest object ${name}"
    VERBATIM)
  set(${out_var} ${obj} PARENT_SCOPE)
endfunction()

# vmm_guest_target(NAME OUTPUTS...): the target guest_NAME building OUTPUTS,
# part of ALL when the includer asks for it.
function(vmm_guest_target name)
  get_property(in_all GLOBAL PROPERTY VMM_GUEST_SDK_ALL)
  if(in_all)
    add_custom_target(guest_${name} ALL DEPENDS ${ARGN})
  else()
    add_custom_target(guest_${name} DEPENDS ${ARGN})
  endif()
endfunction()

# vmm_add_guest(NAME name BITS 64|32 SOURCES file.c ...)
#
# Builds ${CMAKE_BINARY_DIR}/guests/name.elf (linked at 1 MiB, for the
# default machine when BITS is 64, machines/protected.yaml when 32) and
# name.bin, the same program as a raw image for load_address 0x100000.
# The target is guest_name.
function(vmm_add_guest)
  cmake_parse_arguments(G "" "NAME;BITS" "SOURCES" ${ARGN})
  if(NOT G_NAME OR NOT G_SOURCES OR G_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "vmm_add_guest(NAME name BITS 64|32 SOURCES ...)")
  endif()
  if(NOT G_BITS STREQUAL "64" AND NOT G_BITS STREQUAL "32")
    message(FATAL_ERROR "vmm_add_guest(${G_NAME}): BITS must be 64 or 32")
  endif()
  get_property(ld GLOBAL PROPERTY VMM_GUEST_SDK_LDS_${G_BITS})
  get_property(crt0 GLOBAL PROPERTY VMM_GUEST_SDK_CRT0_${G_BITS})
  get_property(lib GLOBAL PROPERTY VMM_GUEST_SDK_LIB_${G_BITS})
  get_property(deps GLOBAL PROPERTY VMM_GUEST_SDK_DEPS_${G_BITS})
  set(objdir ${CMAKE_CURRENT_BINARY_DIR}/${G_NAME}.obj)
  set(outdir ${CMAKE_BINARY_DIR}/guests)
  set(elf ${outdir}/${G_NAME}.elf)
  set(bin ${outdir}/${G_NAME}.bin)

  set(objs)
  foreach(src ${G_SOURCES})
    vmm_guest_compile(obj ${G_BITS} ${src} ${objdir})
    list(APPEND objs ${obj})
  endforeach()
  add_custom_command(OUTPUT ${elf}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${outdir}
    COMMAND ${VMM_GUEST_CC} -m${G_BITS} -nostdlib -static -no-pie
      -Wl,-T,${ld} -Wl,--build-id=none -Wl,--gc-sections
      -Wl,-z,max-page-size=0x1000 -Wl,-z,noexecstack
      -o ${elf} ${crt0} ${objs} ${lib}
    DEPENDS ${objs} ${crt0} ${lib} ${ld}
    COMMENT "Linking ${G_BITS}-bit guest ${G_NAME}.elf"
    VERBATIM)
  add_custom_command(OUTPUT ${bin}
    COMMAND ${VMM_GUEST_OBJCOPY} -O binary ${elf} ${bin}
    DEPENDS ${elf}
    COMMENT "Making raw image ${G_NAME}.bin"
    VERBATIM)
  vmm_guest_target(${G_NAME} ${elf} ${bin})
  if(deps)
    add_dependencies(guest_${G_NAME} ${deps})
  endif()
endfunction()

# vmm_add_nasm_guest(NAME name SOURCE file.asm)
#
# Builds ${CMAKE_BINARY_DIR}/guests/name.bin with nasm -f bin: a raw image
# that can %include "vmm_abi.inc" (the SDK's constants and boot information
# offsets) and any file beside its source. The target is guest_name.
function(vmm_add_nasm_guest)
  cmake_parse_arguments(G "" "NAME;SOURCE" "" ${ARGN})
  if(NOT G_NAME OR NOT G_SOURCE OR G_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "vmm_add_nasm_guest(NAME name SOURCE file.asm)")
  endif()
  find_program(VMM_NASM nasm)
  if(NOT VMM_NASM)
    message(FATAL_ERROR "vmm_add_nasm_guest(${G_NAME}): nasm not found")
  endif()
  get_property(inc GLOBAL PROPERTY VMM_GUEST_SDK_NASM_INCLUDE)
  get_property(deps GLOBAL PROPERTY VMM_GUEST_SDK_NASM_DEPS)
  get_filename_component(src ${G_SOURCE} ABSOLUTE)
  get_filename_component(srcdir ${src} DIRECTORY)
  set(outdir ${CMAKE_BINARY_DIR}/guests)
  set(out ${outdir}/${G_NAME}.bin)
  # nasm's -MD misses %include files in -f bin: depend on every .inc beside
  # the source and on the SDK's.
  file(GLOB local_incs ${srcdir}/*.inc)
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${outdir}
    COMMAND ${VMM_NASM} -f bin -w+all -I${inc}/ -I${srcdir}/ -o ${out} ${src}
    DEPENDS ${src} ${inc}/vmm_abi.inc ${local_incs}
    COMMENT "nasm ${G_NAME}.bin"
    VERBATIM)
  vmm_guest_target(${G_NAME} ${out})
  if(deps)
    add_dependencies(guest_${G_NAME} ${deps})
  endif()
endfunction()
