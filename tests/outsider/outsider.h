/*
 * outsider.h — the guest logic shared by guest64.c and guest32.c.
 *
 * Written only from /work/shared/SPEC.md and docs/abi.md: no vmm header,
 * no SDK.  Every device port comes from the boot information.
 *
 * The including file defines GUEST_BITS (64 or 32) and the start-up code,
 * which stores the vCPU state at entry into `entry_regs` and then calls
 * guest_main(bootinfo_address).
 */
#ifndef OUTSIDER_H
#define OUTSIDER_H

typedef unsigned char      u8;
typedef unsigned short     u16;
typedef unsigned int       u32;
typedef unsigned long long u64;
typedef unsigned long      uptr;   /* pointer-sized in both -m32 and -m64 */

_Static_assert(sizeof(uptr) == sizeof(void *), "uptr");

/* ---- the boot information, from docs/abi.md ---------------------------- */

#define BI_MAGIC        0x424d4d56u   /* "VMMB" in memory */
#define BI_VERSION      1
#define BI_SIZE         0x838
#define BI_CMDLINE_MAX  2048
#define PORT_ABSENT     0xffffffffu

enum { SLOT_CONSOLE, SLOT_KBD_DATA, SLOT_KBD_STATUS, SLOT_TIMER_INTERVAL,
       SLOT_TIMER_CONTROL, SLOT_EXIT, SLOT_RES6, SLOT_RES7, NSLOTS };

struct bootinfo {
    u32 magic;                 /*  0 */
    u16 version;               /*  4 */
    u16 size;                  /*  6 */
    u64 mem_bytes;             /*  8 */
    u32 ports[NSLOTS];         /* 16: 8 slots x 4 bytes */
    u32 cmdline_len;           /* 48 */
    u32 reserved;              /* 52 */
    char cmdline[BI_CMDLINE_MAX]; /* 56 */
} __attribute__((packed));

_Static_assert(__builtin_offsetof(struct bootinfo, mem_bytes) == 8, "mem");
_Static_assert(__builtin_offsetof(struct bootinfo, ports) == 16, "ports");
_Static_assert(__builtin_offsetof(struct bootinfo, cmdline_len) == 48, "len");
_Static_assert(__builtin_offsetof(struct bootinfo, cmdline) == 56, "cmd");
_Static_assert(sizeof(struct bootinfo) == BI_SIZE, "size");

/* Device register bits, from SPEC.md. */
#define KBD_HAS_KEY     0x1
#define KBD_EOF         0x2
#define TIMER_ENABLE    0x1
#define TIMER_FIRED     0x2

/* ---- vCPU state at entry, filled by the start-up code ------------------- */

struct entry_regs {
    uptr gpr[16];   /* ax bx cx dx si di bp sp (r8..r15 in 64-bit) */
    uptr flags;
    uptr cr0, cr4;
    u64  efer;      /* 64-bit only */
    u16  cs, ds, es, ss, fs, gs;
};
extern struct entry_regs entry_regs;

/* ---- port I/O ----------------------------------------------------------- */

static inline void outb(u16 p, u8 v)  { __asm__ volatile("outb %0, %1" :: "a"(v), "Nd"(p)); }
static inline void outw(u16 p, u16 v) { __asm__ volatile("outw %0, %1" :: "a"(v), "Nd"(p)); }
static inline void outl(u16 p, u32 v) { __asm__ volatile("outl %0, %1" :: "a"(v), "Nd"(p)); }
static inline u8  inb(u16 p) { u8 v;  __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(p)); return v; }
static inline u16 inw(u16 p) { u16 v; __asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(p)); return v; }
static inline u32 inl(u16 p) { u32 v; __asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(p)); return v; }

/* String I/O: rep outsb (SPEC: "each element is handled in order"). */
static inline void outsb(u16 p, const void *buf, uptr n)
{
    __asm__ volatile("cld; rep outsb" : "+S"(buf), "+c"(n) : "d"(p) : "memory");
}

static inline void halt_forever(void)
{
    for (;;)
        __asm__ volatile("cli; hlt");
}

/* gcc may emit calls to these even with -ffreestanding. */
void *memset(void *d, int c, uptr n)
{
    volatile u8 *p = d;
    while (n--) *p++ = (u8)c;
    return d;
}
void *memcpy(void *d, const void *s, uptr n)
{
    volatile u8 *p = d; const volatile u8 *q = s;
    while (n--) *p++ = *q++;
    return d;
}

/* ---- state --------------------------------------------------------------- */

static struct bootinfo bi;          /* our copy (.bss, zeroed by vmm) */
static int have_console;
static u16 con_port;
static u8  bss_probe[4096];         /* must be all zero at entry */
static volatile u32 data_probe = 0x5a17c0deu;   /* must be loaded from .data */

/* ---- console ------------------------------------------------------------- */

static uptr slen(const char *s) { uptr n = 0; while (s[n]) n++; return n; }

static void putc_(char c) { if (have_console) outb(con_port, (u8)c); }

static void puts_(const char *s)          /* string I/O, no newline added */
{
    if (have_console) outsb(con_port, s, slen(s));
}

static void putn(const char *s, uptr n) { while (n--) putc_(*s++); }

static void putdec(u64 v)
{
    char b[24]; int i = 0;
    do { b[i++] = (char)('0' + (int)(v % 10)); v /= 10; } while (v);
    while (i--) putc_(b[i]);
}

static void puthex(u64 v)
{
    char b[20]; int i = 0;
    do { b[i++] = "0123456789abcdef"[v & 15]; v >>= 4; } while (v);
    puts_("0x");
    while (i--) putc_(b[i]);
}

static void putport(u32 p)
{
    if (p == PORT_ABSENT) puts_("absent"); else puthex(p);
}

/* ---- checks -------------------------------------------------------------- */

static int bad_entry;
static void entry_bad(const char *what, u64 got)
{
    if (!bad_entry) puts_("entry: BAD");
    bad_entry = 1;
    putc_(' '); puts_(what); putc_('='); puthex(got);
}

static void check_entry(u64 mem_bytes)
{
    static const char *const names[16] = {
        "ax", "bx", "cx", "dx", "si", "di", "bp", "sp",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15" };
    const struct entry_regs *r = &entry_regs;
    int ngpr = GUEST_BITS == 64 ? 16 : 8;

    for (int i = 0; i < ngpr; i++) {
        uptr want = 0;
        if (i == 5) want = 0x500;                  /* DI: the boot info */
        if (i == 7) want = (uptr)mem_bytes;        /* SP: top of memory */
        if (r->gpr[i] != want) entry_bad(names[i], r->gpr[i]);
    }
    if (r->flags != 0x2) entry_bad("flags", r->flags);

    u16 want_cs = GUEST_BITS == 64 ? 0x18 : 0x08;
    if (r->cs != want_cs) entry_bad("cs", r->cs);
    if (r->ds != 0x10) entry_bad("ds", r->ds);
    if (r->es != 0x10) entry_bad("es", r->es);
    if (r->ss != 0x10) entry_bad("ss", r->ss);
    if (r->fs != 0x10) entry_bad("fs", r->fs);
    if (r->gs != 0x10) entry_bad("gs", r->gs);

    /* CR0: PE MP ET NE (+ PG WP in long mode; paging off in protected). */
    uptr cr0_want = 0x1 | 0x2 | 0x10 | 0x20;
    if (GUEST_BITS == 64) cr0_want |= 0x80000000u | 0x10000;
    if ((r->cr0 & cr0_want) != cr0_want) entry_bad("cr0", r->cr0);
    if (GUEST_BITS == 32 && (r->cr0 & 0x80000000u)) entry_bad("cr0.pg", r->cr0);
    /* CR4: OSFXSR OSXMMEXCPT (+ PAE in long mode). */
    uptr cr4_want = 0x200 | 0x400;
    if (GUEST_BITS == 64) cr4_want |= 0x20;
    if ((r->cr4 & cr4_want) != cr4_want) entry_bad("cr4", r->cr4);
    if (GUEST_BITS == 64 && (r->efer & 0x500) != 0x500) entry_bad("efer", r->efer);

    if (bad_entry) putc_('\n');
    else puts_("entry: registers ok\n");
}

/* ---- the devices ---------------------------------------------------------- */

static void do_keyboard(void)
{
    u32 dp = bi.ports[SLOT_KBD_DATA], sp = bi.ports[SLOT_KBD_STATUS];
    if (dp == PORT_ABSENT || sp == PORT_ABSENT) {
        puts_("keyboard: absent\n");
        return;
    }
    u16 data = (u16)dp, status = (u16)sp;
    u32 count = 0, sum = 0, strange = 0;

    for (;;) {
#if GUEST_BITS == 64
        u32 s = inb(status);                 /* 1-byte status read */
#else
        u32 s = inw(status);                 /* 2-byte status read */
#endif
        if (s & ~(u32)(KBD_HAS_KEY | KBD_EOF)) strange |= s;
        if (s & KBD_HAS_KEY) {
#if GUEST_BITS == 64
            u8 k = inb(data);                /* read data, then ack */
            outb(status, 0);
#else
            outl(status, 0);                 /* ack, then read data */
            u8 k = inb(data);
#endif
            count++;
            sum += k;
        } else if (s & KBD_EOF) {
            break;
        }
        /* neither bit: input still on its way, poll again */
    }
    if (strange) { puts_("keyboard: status had other bits "); puthex(strange); putc_('\n'); }
    puts_("keyboard: "); putdec(count); puts_(" bytes, sum "); putdec(sum & 0xff);
    putc_('\n');
}

static void do_timer(void)
{
    u32 ip = bi.ports[SLOT_TIMER_INTERVAL], cp = bi.ports[SLOT_TIMER_CONTROL];
    if (ip == PORT_ABSENT || cp == PORT_ABSENT) {
        puts_("timer: absent\n");
        return;
    }
    u16 interval = (u16)ip, control = (u16)cp;

#if GUEST_BITS == 64
    outw(interval, 10);                     /* 2-byte write, zero extended */
#else
    outl(interval, 10);                     /* 4-byte write */
#endif
    u32 l = inl(interval), w = inw(interval), b = inb(interval);
    if (l != 10 || w != 10 || b != 10) {
        puts_("timer: interval reads back "); puthex(l); putc_('/');
        puthex(w); putc_('/'); puthex(b); putc_('\n');
    }
    u32 c0 = inl(control);
    if (c0 != 0) { puts_("timer: control before enable "); puthex(c0); putc_('\n'); }
    puts_("timer: interval "); putdec(l); puts_(" ms\n");

    outb(control, TIMER_ENABLE);            /* start */
    u32 strange = 0;
    int ticks = 0;
    while (ticks < 5) {
#if GUEST_BITS == 64
        u32 c = inl(control);               /* 4-byte poll */
#else
        u32 c = inb(control);               /* 1-byte poll */
#endif
        if ((c & ~(u32)(TIMER_ENABLE | TIMER_FIRED)) || !(c & TIMER_ENABLE))
            strange |= c | 0x80000000u;
        if (c & TIMER_FIRED) {
#if GUEST_BITS == 64
            outl(control, TIMER_ENABLE);    /* ack, keep running */
#else
            outw(control, TIMER_ENABLE);
#endif
            ticks++;
        }
    }
#if GUEST_BITS == 64
    outw(control, 0);                       /* stop */
#else
    outl(control, 0);
#endif
    u32 c1 = inl(control);
    if (strange) { puts_("timer: control had "); puthex(strange); putc_('\n'); }
    if (c1 != 0) { puts_("timer: control after stop "); puthex(c1); putc_('\n'); }
    putdec((u64)ticks); puts_(" ticks\n");
}

/* ---- main --------------------------------------------------------------- */

void guest_main(uptr bootinfo_addr)
{
    /* Copy the boot information first (abi.md: vmm never reads it back and
     * the guest may reuse that memory afterwards). */
    memcpy(&bi, (const void *)bootinfo_addr, sizeof bi);

    /* Without a console nothing can be said; without a valid boot info we
     * cannot know any port: halt (exit status 0 would hide it, so spin into
     * a triple fault instead: ud2 with no IDT). */
    if (bi.magic != BI_MAGIC || bi.version < BI_VERSION)
        __asm__ volatile("ud2");

    if (bi.ports[SLOT_CONSOLE] != PORT_ABSENT && bi.ports[SLOT_CONSOLE] <= 0xffff) {
        have_console = 1;
        con_port = (u16)bi.ports[SLOT_CONSOLE];
    }

    puts_("outsider: ");
    putdec(GUEST_BITS);
    puts_("-bit guest up\n");

    puts_("bootinfo: magic VMMB version ");
    putdec(bi.version);
    puts_(" size ");
    puthex(bi.size);
    puts_(" memory ");
    putdec(bi.mem_bytes);
    putc_('\n');
    if (bi.size != BI_SIZE || bi.reserved != 0 ||
        bi.ports[SLOT_RES6] != PORT_ABSENT || bi.ports[SLOT_RES7] != PORT_ABSENT) {
        puts_("bootinfo: odd size/reserved/slots "); puthex(bi.size); putc_(' ');
        puthex(bi.reserved); putc_(' '); puthex(bi.ports[SLOT_RES6]); putc_(' ');
        puthex(bi.ports[SLOT_RES7]); putc_('\n');
    }

    check_entry(bi.mem_bytes);

    puts_("ports: console "); putport(bi.ports[SLOT_CONSOLE]);
    puts_(" keyboard "); putport(bi.ports[SLOT_KBD_DATA]);
    putc_('/'); putport(bi.ports[SLOT_KBD_STATUS]);
    puts_(" timer "); putport(bi.ports[SLOT_TIMER_INTERVAL]);
    putc_('/'); putport(bi.ports[SLOT_TIMER_CONTROL]);
    puts_(" exit "); putport(bi.ports[SLOT_EXIT]);
    putc_('\n');
    for (int i = 0; i < SLOT_RES6; i++)
        if (bi.ports[i] != PORT_ABSENT && bi.ports[i] > 0xffff) {
            puts_("ports: slot "); putdec((u64)i); puts_(" is not a 16-bit port\n");
        }

    /* .bss must be zero, .data must be loaded. */
    int bss_ok = 1;
    for (uptr i = 0; i < sizeof bss_probe; i++)
        if (((volatile u8 *)bss_probe)[i]) bss_ok = 0;
    puts_(bss_ok ? "bss ok" : "bss NOT zero");
    puts_(data_probe == 0x5a17c0deu ? ", data ok\n" : ", data NOT loaded\n");

    /* The command line. */
    uptr n = 0;
    while (n < BI_CMDLINE_MAX && bi.cmdline[n]) n++;
    if (n != bi.cmdline_len) {
        puts_("cmdline: cmdline_len "); putdec(bi.cmdline_len);
        puts_(" but strlen "); putdec(n); putc_('\n');
    }
    puts_("cmdline "); putdec(bi.cmdline_len); puts_(": [");
    putn(bi.cmdline, n);
    puts_("]\n");

    do_keyboard();
    do_timer();

    u32 ep = bi.ports[SLOT_EXIT];
    if (ep == PORT_ABSENT) {
        puts_("exit: absent, halting\n");
        halt_forever();
    }
#if GUEST_BITS == 64
    puts_("exit 0x107\n");
    outl((u16)ep, 0x107);            /* 4-byte write; status is v & 0xff = 7 */
#else
    puts_("exit 7\n");
    outb((u16)ep, 7);                /* 1-byte write */
#endif
    puts_("outsider: still running after the exit device!\n");
    halt_forever();
}

#endif
