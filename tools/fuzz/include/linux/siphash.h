/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in: a keyed hash (FNV-1a over the key, then the data,
 * then a finaliser), not SipHash: the tests need chains and marks
 * spread by key, not its strength.
 */
#ifndef _FUZZ_LINUX_SIPHASH_H
#define _FUZZ_LINUX_SIPHASH_H
#include <linux/types.h>

typedef struct { u64 key[2]; } siphash_key_t;

static inline u64 siphash(const void *data, size_t len, const siphash_key_t *key)
{
	const u8 *k = (const u8 *)key->key, *d = data;
	u64 h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < sizeof(key->key); i++)
		h = (h ^ k[i]) * 0x100000001b3ULL;
	for (i = 0; i < len; i++)
		h = (h ^ d[i]) * 0x100000001b3ULL;
	/*
	 * MurmurHash3's finaliser: every bit of the result depends on every
	 * byte, the last ones too (FNV alone leaves the top bits of a
	 * 32-bit result blind to a key's last bytes, and the chains' marks
	 * are those bits).
	 */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 33);
}

/* The kernel's hsiphash_key_t is unsigned long[2]; a 32-bit result. */
typedef struct { unsigned long key[2]; } hsiphash_key_t;

static inline u32 hsiphash(const void *data, size_t len,
			   const hsiphash_key_t *key)
{
	siphash_key_t k = { { key->key[0], key->key[1] } };

	return (u32)siphash(data, len, &k);
}

static inline u32 hsiphash_3u32(u32 a, u32 b, u32 c, const hsiphash_key_t *key)
{
	const u32 w[] = { a, b, c };

	return hsiphash(w, sizeof(w), key);
}

static inline u32 hsiphash_4u32(u32 a, u32 b, u32 c, u32 d,
				const hsiphash_key_t *key)
{
	const u32 w[] = { a, b, c, d };

	return hsiphash(w, sizeof(w), key);
}
#endif
