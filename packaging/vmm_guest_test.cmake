# SPDX-License-Identifier: MIT
# vmm_add_guest_test(): a ctest test running a guest under the installed vmm
# (VMM_EXECUTABLE, set by vmmConfig.cmake) and checking its exact standard
# output and exit status. vmm-guest-test.sh, beside this file, runs it.
# Global properties, not variables: they reach every directory and function.
set_property(GLOBAL PROPERTY VMM_GUEST_TEST_RUNNER
  ${CMAKE_CURRENT_LIST_DIR}/vmm-guest-test.sh)

# vmm_guest_test_file(OUT_VAR NAME WHAT FILE): FILE made absolute against the
# current source directory; a missing file stops the configuration.
function(vmm_guest_test_file out_var name what file)
  get_filename_component(path ${file} ABSOLUTE
    BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
  if(NOT EXISTS ${path})
    message(FATAL_ERROR "vmm_add_guest_test(${name}): ${what} '${file}' not found")
  endif()
  set(${out_var} ${path} PARENT_SCOPE)
endfunction()

# vmm_guest_test_machine(OUT_VAR NAME FILE): a machine file from the current
# source directory, or else one of the installed examples (remapped.yaml).
function(vmm_guest_test_machine out_var name file)
  get_property(machines GLOBAL PROPERTY VMM_GUEST_TEST_MACHINES)
  get_filename_component(path ${file} ABSOLUTE
    BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
  if(NOT EXISTS ${path} AND NOT IS_ABSOLUTE ${file})
    set(path ${machines}/${file})
  endif()
  if(NOT EXISTS ${path})
    message(FATAL_ERROR "vmm_add_guest_test(${name}): MACHINE '${file}' is "
      "neither in ${CMAKE_CURRENT_SOURCE_DIR} nor in ${machines}")
  endif()
  set(${out_var} ${path} PARENT_SCOPE)
endfunction()

# vmm_guest_clock_option(OUT_VAR NAME CLOCK): vmm's options for CLOCK. Only
# `virtual` exists, and only in a vmm whose --help lists --clock: with an
# older vmm the configuration stops rather than run on the wall clock.
function(vmm_guest_clock_option out_var name clock)
  if(NOT clock STREQUAL "virtual")
    message(FATAL_ERROR "vmm_add_guest_test(${name}): CLOCK must be 'virtual', not '${clock}'")
  endif()
  execute_process(COMMAND ${VMM_EXECUTABLE} --help
    OUTPUT_VARIABLE help ERROR_QUIET RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0 OR NOT help MATCHES "--clock")
    message(FATAL_ERROR "vmm_add_guest_test(${name}): CLOCK virtual: "
      "${VMM_EXECUTABLE} has no virtual clock yet (its --help lists no --clock)")
  endif()
  set(${out_var} --clock ${clock} PARENT_SCOPE)
endfunction()

# vmm_add_guest_test(NAME name GUEST file [MACHINE file.yaml] [ARGS ...]
#                    [INPUT file] [EXPECT file] [STATUS n] [CLOCK virtual])
#
# GUEST: an image path, absolute or in ${CMAKE_BINARY_DIR}/guests/ where
# vmm_add_guest() and vmm_add_nasm_guest() put them (greet.elf, greet.bin).
# MACHINE: a machine file (source directory, else the installed examples);
# default: vmm's built-in machine. ARGS: the guest's command line. INPUT:
# standard input (default: empty). EXPECT: the exact standard output
# (default: empty). STATUS: the exit status (default 0). CLOCK virtual: run
# on vmm's virtual clock. Skipped (77) where /dev/kvm cannot be used.
function(vmm_add_guest_test)
  cmake_parse_arguments(T "" "NAME;GUEST;MACHINE;INPUT;EXPECT;STATUS;CLOCK"
    "ARGS" ${ARGN})
  if(NOT T_NAME OR NOT T_GUEST OR T_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "vmm_add_guest_test(NAME name GUEST file [MACHINE "
      "file.yaml] [ARGS ...] [INPUT file] [EXPECT file] [STATUS n] [CLOCK virtual])")
  endif()
  set(guest ${T_GUEST})
  if(NOT IS_ABSOLUTE ${guest})
    set(guest ${CMAKE_BINARY_DIR}/guests/${guest})
  endif()
  set(input /dev/null)
  set(expect /dev/null)
  set(status 0)
  set(options)
  if(T_INPUT)
    vmm_guest_test_file(input ${T_NAME} INPUT ${T_INPUT})
  endif()
  if(T_EXPECT)
    vmm_guest_test_file(expect ${T_NAME} EXPECT ${T_EXPECT})
  endif()
  if(DEFINED T_STATUS)
    if(NOT T_STATUS MATCHES "^[0-9]+$" OR T_STATUS GREATER 255)
      message(FATAL_ERROR "vmm_add_guest_test(${T_NAME}): STATUS must be 0 to 255")
    endif()
    set(status ${T_STATUS})
  endif()
  if(T_MACHINE)
    vmm_guest_test_machine(machine ${T_NAME} ${T_MACHINE})
    list(APPEND options -c ${machine})
  endif()
  if(DEFINED T_CLOCK)
    vmm_guest_clock_option(clock ${T_NAME} "${T_CLOCK}")
    list(APPEND options ${clock})
  endif()
  set(args)
  if(T_ARGS)
    set(args -- ${T_ARGS})
  endif()
  get_property(runner GLOBAL PROPERTY VMM_GUEST_TEST_RUNNER)
  add_test(NAME ${T_NAME} COMMAND ${runner}
    ${expect} ${input} ${status} ${VMM_EXECUTABLE} ${options} ${guest} ${args})
  set_tests_properties(${T_NAME} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 60)
endfunction()
