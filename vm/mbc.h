/*
 * mbc.h — .mbc module files: a gen_module (vm/gen.h) as bytes and back
 * (vm/mbc.c). The format is described in docs/bytecode.md.
 *
 * mbc_read is the border for bytecode from outside (files, hosts, the
 * network): it checks the container — magic, version, section bounds,
 * counts against the bytes present, operand kinds — and refuses anything
 * malformed with a message. Whether the code makes sense (labels,
 * registers, types) is the verifier's job, after this.
 */
#ifndef MOAT_MBC_H
#define MOAT_MBC_H

#include <stddef.h>
#include <stdint.h>

#include "gen.h"
#include "strbuf.h"

#define MBC_MAGIC "MOAT"
#define MBC_VERSION 1

/* Append the file image of m to out (check out->failed). */
void mbc_write(const struct gen_module *m, struct strbuf *out);
/* Parse a file image. NULL on malformed input, with a message in *err
   (static text plus detail, owned by the caller: mi_free it). */
struct gen_module *mbc_read(const uint8_t *bytes, size_t len, char **err);

#endif
