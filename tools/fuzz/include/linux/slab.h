/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in: the allocators, on malloc (where ASan watches). */
#ifndef _FUZZ_LINUX_SLAB_H
#define _FUZZ_LINUX_SLAB_H
#include <stdlib.h>
#include <linux/types.h>

typedef unsigned int gfp_t;
#define __GFP_ZERO		0x100u
#define GFP_KERNEL		0x1u
#define GFP_KERNEL_ACCOUNT	0x2u
#define GFP_ATOMIC		0x4u
#define SLAB_ACCOUNT		0

static inline void *kmalloc_array(size_t n, size_t size, gfp_t gfp)
{
	return gfp & __GFP_ZERO ? calloc(n ?: 1, size ?: 1) : malloc((n * size) ?: 1);
}

#define kmalloc(size, gfp)		kmalloc_array(1, size, gfp)
#define kzalloc(size, gfp)		kmalloc_array(1, size, (gfp) | __GFP_ZERO)
#define kvcalloc(n, size, gfp)		kmalloc_array(n, size, (gfp) | __GFP_ZERO)
#define kvmalloc_array(n, size, gfp)	kmalloc_array(n, size, gfp)
#define kfree(p)			free((void *)(p))
#define kvfree(p)			free((void *)(p))

struct kmem_cache {
	size_t size;
};

#define KMEM_CACHE(s, flags)		kmem_cache_create_size(sizeof(struct s))
struct kmem_cache *kmem_cache_create_size(size_t size);
void kmem_cache_destroy(struct kmem_cache *c);
#define kmem_cache_size(c)		((c)->size)
#define kmem_cache_alloc(c, gfp)	kmalloc((c)->size, gfp)
#define kmem_cache_free(c, p)		free(p)
#endif
