/* SPDX-License-Identifier: MIT */
/* One packet from gdb: queries, registers, memory, breakpoints, and what
 * the guest does next (enum gdb_action), each answered at once. What a
 * command does to the guest is target.c's. */
#include <errno.h>
#include <string.h>

#include "gdb.h"

static void gdb_xfer(struct gdb *g, const char *args)
{
	const char *xml = gdb_target_xml(g);
	size_t total = strlen(xml);
	uint64_t off, len;
	const char *p = strchr(args, ':');

	if (strncmp(args, "target.xml:", 11) != 0 || !(p = args + 11) ||
	    rsp_hex_u64(&p, &off) < 0 || *p++ != ',' ||
	    rsp_hex_u64(&p, &len) < 0) {
		gdb_send_str(g, "E00");
		return;
	}
	if (off > total)
		off = total;
	if (len > RSP_PKT_MAX - 1)
		len = RSP_PKT_MAX - 1;
	if (len > total - off)
		len = total - off;
	g->reply[0] = off + len < total ? 'm' : 'l';
	memcpy(g->reply + 1, xml + off, len);
	gdb_send(g, g->reply, len + 1);
}

static void gdb_query(struct gdb *g, const char *pkt)
{
	if (strncmp(pkt, "qSupported", 10) == 0)
		gdb_send_str(g, "PacketSize=1000;qXfer:features:read+;QStartNoAckMode+");
	else if (strncmp(pkt, "qXfer:features:read:", 20) == 0)
		gdb_xfer(g, pkt + 20);
	else if (strcmp(pkt, "qAttached") == 0)
		gdb_send_str(g, "1");
	else if (strcmp(pkt, "qC") == 0)
		gdb_send_str(g, "QC1");
	else if (strcmp(pkt, "qfThreadInfo") == 0)
		gdb_send_str(g, "m1");
	else if (strcmp(pkt, "qsThreadInfo") == 0)
		gdb_send_str(g, "l");
	else if (strcmp(pkt, "QStartNoAckMode") == 0) {
		gdb_send_str(g, "OK");
		g->is_no_ack = true;
	} else
		gdb_send_str(g, "");
}

/* "ADDR,LEN" at *p; 0 or -EINVAL. */
static int gdb_addr_len(const char **p, uint64_t *addr, uint64_t *len)
{
	if (rsp_hex_u64(p, addr) < 0 || *(*p)++ != ',' ||
	    rsp_hex_u64(p, len) < 0)
		return -EINVAL;
	return 0;
}

static void gdb_mem_read(struct gdb *g, const char *p)
{
	uint8_t buf[RSP_PKT_MAX / 2];
	uint64_t addr, len;

	if (gdb_addr_len(&p, &addr, &len) < 0 || *p) {
		gdb_send_str(g, "E01");
		return;
	}
	if (len > sizeof(buf))
		len = sizeof(buf);
	if (gdb_mem(g, addr, buf, len, false) < 0) {
		gdb_send_str(g, "E14"); /* EFAULT */
		return;
	}
	rsp_hex_encode(g->reply, buf, len);
	gdb_send(g, g->reply, 2 * len);
}

/* M (hex) or X (binary) from packet pkt of pkt_len bytes. */
static void gdb_mem_write(struct gdb *g, const char *pkt, size_t pkt_len)
{
	uint8_t buf[RSP_PKT_MAX];
	const char *p = pkt + 1;
	uint64_t addr, len;
	size_t left;
	int rc;

	if (gdb_addr_len(&p, &addr, &len) < 0 || *p++ != ':') {
		gdb_send_str(g, "E01");
		return;
	}
	left = pkt_len - (size_t)(p - pkt);
	if (pkt[0] == 'X') {
		rc = len <= left ? 0 : -EINVAL;
		if (rc == 0)
			memcpy(buf, p, len);
	} else {
		rc = len <= left / 2 ? rsp_hex_decode(p, buf, len) : -EINVAL;
	}
	if (rc == 0)
		rc = gdb_mem(g, addr, buf, len, true);
	gdb_send_str(g, rc == 0 ? "OK" : rc == -EFAULT ? "E14" : "E01");
}

static void gdb_breakpoint(struct gdb *g, const char *pkt)
{
	const char *p = pkt + 1;
	uint64_t type, addr, kind;
	int rc;

	if (rsp_hex_u64(&p, &type) < 0 || *p++ != ',' ||
	    gdb_addr_len(&p, &addr, &kind) < 0 || type > 4) {
		gdb_send_str(g, "E01");
		return;
	}
	rc = gdb_bp(g, (unsigned)type, addr, (unsigned)kind, pkt[0] == 'Z');
	gdb_send_str(g, rc == 0 ? "OK" : rc == -ENOSPC ? "E1c" : "E01");
}

static void gdb_regs_cmd(struct gdb *g, const char *pkt)
{
	const char *p = pkt + 1;
	uint64_t n;
	size_t len;

	switch (pkt[0]) {
	case 'g':
		gdb_send(g, g->reply, gdb_regs_hex(g, g->reply));
		return;
	case 'G':
		gdb_send_str(g, gdb_regs_set(g, p) == 0 ? "OK" : "E01");
		return;
	case 'p':
		len = rsp_hex_u64(&p, &n) < 0 || *p || n > 64 ? 0 :
			gdb_reg_hex(g, (unsigned)n, g->reply);
		if (len)
			gdb_send(g, g->reply, len);
		else
			gdb_send_str(g, "E01");
		return;
	default: /* 'P' */
		if (rsp_hex_u64(&p, &n) < 0 || *p++ != '=' || n > 64 ||
		    gdb_reg_set(g, (unsigned)n, p) < 0)
			gdb_send_str(g, "E01");
		else
			gdb_send_str(g, "OK");
	}
}

/* vCont;ACTION[:THREAD][;...]: the first action is for our one thread. */
static enum gdb_action gdb_vcont(struct gdb *g, const char *pkt)
{
	if (strcmp(pkt, "vCont?") == 0) {
		gdb_send_str(g, "vCont;c;C;s;S");
		return GDB_STAY;
	}
	if (strncmp(pkt, "vCont;", 6) == 0) {
		if (pkt[6] == 'c' || pkt[6] == 'C')
			return GDB_CONT;
		if (pkt[6] == 's' || pkt[6] == 'S')
			return GDB_STEP;
		gdb_send_str(g, "E01");
		return GDB_STAY;
	}
	if (strncmp(pkt, "vKill", 5) == 0) {
		gdb_send_str(g, "OK");
		return GDB_KILL;
	}
	gdb_send_str(g, "");
	return GDB_STAY;
}

/* One packet; what the guest does next. */
enum gdb_action gdb_packet(struct gdb *g, const char *pkt, size_t len)
{
	switch (pkt[0]) {
	case '?':
		gdb_send_str(g, g->stop);
		return GDB_STAY;
	case 'q':
	case 'Q':
		gdb_query(g, pkt);
		return GDB_STAY;
	case 'g': case 'G': case 'p': case 'P':
		gdb_regs_cmd(g, pkt);
		return GDB_STAY;
	case 'm':
		gdb_mem_read(g, pkt + 1);
		return GDB_STAY;
	case 'M': case 'X':
		gdb_mem_write(g, pkt, len);
		return GDB_STAY;
	case 'Z': case 'z':
		gdb_breakpoint(g, pkt);
		return GDB_STAY;
	case 'c': case 'C':
		return GDB_CONT; /* resuming elsewhere is not offered */
	case 's': case 'S':
		return GDB_STEP;
	case 'v':
		return gdb_vcont(g, pkt);
	case 'H': case 'T':
		gdb_send_str(g, "OK");
		return GDB_STAY;
	case 'k':
		return GDB_KILL;
	case 'D':
		gdb_send_str(g, "OK");
		return GDB_DETACH;
	default:
		gdb_send_str(g, "");
		return GDB_STAY;
	}
}
