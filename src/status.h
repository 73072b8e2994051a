/* SPDX-License-Identifier: MIT */
/* vmm's exit statuses (SPEC "How a run ends"; docs/running.md). */
#ifndef VMM_SRC_STATUS_H
#define VMM_SRC_STATUS_H

#define VMM_EXIT_HALT        0   /* the guest executed hlt */
#define VMM_EXIT_HOST        1   /* the host failed: /dev/kvm, KVM, output */
#define VMM_EXIT_USAGE       2   /* bad command line, machine file or image */
#define VMM_EXIT_FAULT       3   /* the guest faulted */
#define VMM_EXIT_TIMEOUT     124 /* --timeout expired */
#define VMM_EXIT_SIGNAL_BASE 128 /* + the signal's number */

#endif
