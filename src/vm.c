/* SPDX-License-Identifier: MIT */
/* /dev/kvm, the VM, its memory slot and the vCPU with its run area. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/kvm.h>

#include "vm.h"

#define VM_CPUID_MAX 256
#define CPUID_EXT_FEATURES 0x80000001u
#define CPUID_EDX_PDPE1GB  (1u << 26)

/* Intel VT without unrestricted guest runs real mode through a TSS that KVM
 * keeps in guest-physical space; it must lie below 4 GiB, outside memory.
 * (On AMD and on CPUs with unrestricted guest it is never used.) */
#define VM_TSS_GPA 0xfffbd000ull

/* What to check when /dev/kvm cannot be opened, by the reason. */
static const char *vm_kvm_hint(int e)
{
	switch (e) {
	case ENOENT:
	case ENXIO:
	case ENODEV:
		return "is KVM loaded? modprobe kvm_intel or kvm_amd; enable VT-x or AMD-V in the firmware; inside a VM, turn on nested virtualization";
	case EACCES:
	case EPERM:
		return "check its permissions: join its group, usually 'kvm': sudo usermod -aG kvm $USER, then log in again";
	default:
		return "check that KVM is loaded and that you may use it";
	}
}

static int vm_set_cpuid(struct vm *vm, struct vmm_err *err)
{
	struct kvm_cpuid2 *c;
	int rc = 0;

	c = calloc(1, sizeof(*c) + VM_CPUID_MAX * sizeof(c->entries[0]));
	if (!c)
		return err_set(err, -ENOMEM, "out of memory for CPUID");
	c->nent = VM_CPUID_MAX;
	if (ioctl(vm->kvm_fd, KVM_GET_SUPPORTED_CPUID, c) < 0 ||
	    ioctl(vm->vcpu_fd, KVM_SET_CPUID2, c) < 0) {
		rc = err_set(err, -errno, "cannot set the vCPU's CPUID: %s",
			     strerror(errno));
		goto out;
	}
	for (unsigned i = 0; i < c->nent; i++)
		if (c->entries[i].function == CPUID_EXT_FEATURES)
			vm->has_1g_pages = c->entries[i].edx & CPUID_EDX_PDPE1GB;
out:
	free(c);
	return rc;
}

static int vm_add_memory(struct vm *vm, uint64_t mem_bytes,
			 struct vmm_err *err)
{
	struct kvm_userspace_memory_region region = { 0 };
	void *host;

	host = mmap(NULL, mem_bytes, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (host == MAP_FAILED)
		return err_set(err, -errno,
			       "cannot map 0x%llx bytes of guest memory: %s",
			       (unsigned long long)mem_bytes, strerror(errno));
	vm->mem.host = host;
	vm->mem.mem_bytes = mem_bytes;
	region.slot = 0;
	region.guest_phys_addr = 0;
	region.memory_size = mem_bytes;
	region.userspace_addr = (uintptr_t)host;
	if (ioctl(vm->vm_fd, KVM_SET_USER_MEMORY_REGION, &region) < 0)
		return err_set(err, -errno,
			       "cannot give 0x%llx bytes of memory to the VM: %s",
			       (unsigned long long)mem_bytes, strerror(errno));
	return 0;
}

static int vm_add_vcpu(struct vm *vm, struct vmm_err *err)
{
	int n;

	vm->vcpu_fd = ioctl(vm->vm_fd, KVM_CREATE_VCPU, 0);
	if (vm->vcpu_fd < 0)
		return err_set(err, -errno, "cannot create the vCPU: %s",
			       strerror(errno));
	n = ioctl(vm->kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (n < (int)sizeof(struct kvm_run))
		return err_set(err, n < 0 ? -errno : -EINVAL,
			       "cannot size the vCPU's run area");
	vm->run = mmap(NULL, (size_t)n, PROT_READ | PROT_WRITE, MAP_SHARED,
		       vm->vcpu_fd, 0);
	if (vm->run == MAP_FAILED) {
		vm->run = NULL;
		return err_set(err, -errno, "cannot map the vCPU's run area: %s",
			       strerror(errno));
	}
	vm->run_bytes = (size_t)n;
	return 0;
}

int vm_create(struct vm *vm, uint64_t mem_bytes, struct vmm_err *err)
{
	int rc;

	memset(vm, 0, sizeof(*vm));
	vm->vm_fd = vm->vcpu_fd = -1;
	vm->kvm_fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (vm->kvm_fd < 0)
		return err_set(err, -errno, "cannot open /dev/kvm: %s (%s)",
			       strerror(errno), vm_kvm_hint(errno));
	rc = ioctl(vm->kvm_fd, KVM_GET_API_VERSION, 0);
	if (rc != KVM_API_VERSION)
		return err_set(err, -EINVAL, "KVM API version %d, expected %d",
			       rc, KVM_API_VERSION);
	vm->vm_fd = ioctl(vm->kvm_fd, KVM_CREATE_VM, 0);
	if (vm->vm_fd < 0)
		return err_set(err, -errno, "cannot create a VM: %s",
			       strerror(errno));
	if (mem_bytes <= VM_TSS_GPA &&
	    ioctl(vm->vm_fd, KVM_SET_TSS_ADDR, (unsigned long)VM_TSS_GPA) < 0)
		return err_set(err, -errno, "cannot set the TSS address: %s",
			       strerror(errno));
	/* Which KVM serves /dev/kvm: the vendor modules exclude each other. */
	vm->host_completes_out = access("/sys/module/kvm_pvm", F_OK) == 0;
	rc = vm_add_memory(vm, mem_bytes, err);
	if (rc == 0)
		rc = vm_add_vcpu(vm, err);
	if (rc == 0)
		rc = vm_set_cpuid(vm, err);
	return rc;
}

void vm_destroy(struct vm *vm)
{
	free(vm->seen_regs);
	if (vm->run)
		munmap(vm->run, vm->run_bytes);
	if (vm->mem.host)
		munmap(vm->mem.host, vm->mem.mem_bytes);
	if (vm->vcpu_fd >= 0)
		close(vm->vcpu_fd);
	if (vm->vm_fd >= 0)
		close(vm->vm_fd);
	if (vm->kvm_fd >= 0)
		close(vm->kvm_fd);
	memset(vm, 0, sizeof(*vm));
	vm->kvm_fd = vm->vm_fd = vm->vcpu_fd = -1;
}
