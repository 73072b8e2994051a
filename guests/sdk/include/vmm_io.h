/* SPDX-License-Identifier: MIT */
/*
 * Port I/O and halt for guests: thin inline wrappers around in/out/hlt. Every
 * device vmm offers is reached through these; the drivers pick the ports.
 */
#ifndef VMM_GUEST_IO_H
#define VMM_GUEST_IO_H

#include <stddef.h>
#include <stdint.h>

static inline void vmm_outb(uint16_t port, uint8_t val)
{
	__asm__ volatile("outb %0, %1" : : "a"(val), "Nd"(port) : "memory");
}

static inline void vmm_outw(uint16_t port, uint16_t val)
{
	__asm__ volatile("outw %0, %1" : : "a"(val), "Nd"(port) : "memory");
}

static inline void vmm_outl(uint16_t port, uint32_t val)
{
	__asm__ volatile("outl %0, %1" : : "a"(val), "Nd"(port) : "memory");
}

static inline uint8_t vmm_inb(uint16_t port)
{
	uint8_t val;

	__asm__ volatile("inb %1, %0" : "=a"(val) : "Nd"(port) : "memory");
	return val;
}

static inline uint16_t vmm_inw(uint16_t port)
{
	uint16_t val;

	__asm__ volatile("inw %1, %0" : "=a"(val) : "Nd"(port) : "memory");
	return val;
}

static inline uint32_t vmm_inl(uint16_t port)
{
	uint32_t val;

	__asm__ volatile("inl %1, %0" : "=a"(val) : "Nd"(port) : "memory");
	return val;
}

/* rep outsb: len bytes from buf to one port, in order (SPEC "Devices"). */
static inline void vmm_outsb(uint16_t port, const void *buf, size_t len)
{
	__asm__ volatile("rep outsb"
	                 : "+S"(buf), "+c"(len)
	                 : "d"(port)
	                 : "memory");
}

/* Halt the vCPU; under vmm, a run that executes hlt ends with status 0. */
static inline void vmm_hlt(void)
{
	__asm__ volatile("hlt" : : : "memory");
}

#endif
