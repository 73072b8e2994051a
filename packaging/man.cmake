# SPDX-License-Identifier: MIT
# vmm.1, generated at build time by help2man from what `vmm --help` and
# `vmm --version` print, so the page and the help text cannot drift apart.
# vmm.h2m.in adds what --help does not say (files, see also).
#
# VMM_MAN: ON needs help2man, OFF builds no page, AUTO (the default) builds
# it when help2man is installed. debian/rules asks for ON.
set(VMM_MAN AUTO CACHE STRING "Build the man page vmm.1 with help2man (ON, OFF, AUTO)")
if(NOT VMM_MAN STREQUAL "OFF")
  find_program(HELP2MAN help2man)
  if(NOT HELP2MAN AND VMM_MAN STREQUAL "AUTO")
    message(STATUS "help2man not found: no man page (VMM_MAN=AUTO)")
  elseif(NOT HELP2MAN)
    message(FATAL_ERROR "VMM_MAN=${VMM_MAN} needs help2man (Debian package help2man)")
  else()
    set(h2m ${CMAKE_CURRENT_BINARY_DIR}/vmm.h2m)
    set(man ${CMAKE_CURRENT_BINARY_DIR}/vmm.1)
    configure_file(vmm.h2m.in ${h2m} @ONLY)
    add_custom_command(OUTPUT ${man}
      COMMAND ${HELP2MAN} --no-info --section=1
        "--name=run a small guest in a KVM virtual machine"
        --include=${h2m} --output=${man} $<TARGET_FILE:vmm>
      DEPENDS vmm ${h2m}
      COMMENT "Generating the man page vmm.1 from vmm --help"
      VERBATIM)
    add_custom_target(vmm_man ALL DEPENDS ${man})
    install(FILES ${man} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  endif()
endif()
