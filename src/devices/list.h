/* SPDX-License-Identifier: MIT */
/* The device list: one line per device, its descriptor's name, in the order
 * devices_all keeps (the trace filter's bits and the help text follow it).
 * Adding a device is its own file and one line here. Included twice by
 * design (devices.h declares, devices.c lists): no include guard. */
DEVICE(console_desc)
DEVICE(kbd_desc)
DEVICE(timer_desc)
DEVICE(exitdev_desc)
