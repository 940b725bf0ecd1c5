/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small streaming JSON writer: objects, arrays, strings, numbers.
 */
#ifndef ICMPXCTL_JSON_H
#define ICMPXCTL_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_DEPTH	8

/* Indented, two spaces a level (icmpxctl -p, as ip -j -p); read by json_init(). */
extern bool json_pretty;

struct json {
	FILE *f;
	int depth;
	bool pretty;
	bool more[JSON_DEPTH];	/* a value was written at this depth */
};

void json_init(struct json *j, FILE *f);
/* @key is NULL inside arrays and at the top. */
void json_open(struct json *j, const char *key, char bracket);
void json_close(struct json *j, char bracket);
void json_str(struct json *j, const char *key, const char *val);
void json_u64(struct json *j, const char *key, uint64_t val);
void json_int(struct json *j, const char *key, long long val);
void json_bool(struct json *j, const char *key, bool val);
void json_null(struct json *j, const char *key);
/* The end of a document: a newline. */
void json_end(struct json *j);

#endif
