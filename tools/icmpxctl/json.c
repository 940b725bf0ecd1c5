// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>

#include "json.h"

bool json_pretty;

void json_init(struct json *j, FILE *f)
{
	j->f = f;
	j->depth = 0;
	j->pretty = json_pretty;
	j->more[0] = false;
}

/* Pretty: a new line at @depth's indentation. */
static void indent(struct json *j, int depth)
{
	if (j->pretty)
		fprintf(j->f, "\n%*s", 2 * depth, "");
}

static void quoted(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* The comma before a value and its key. */
static void member(struct json *j, const char *key)
{
	if (j->more[j->depth])
		fputc(',', j->f);
	if (j->depth)
		indent(j, j->depth);
	j->more[j->depth] = true;
	if (key) {
		quoted(j->f, key);
		fputs(j->pretty ? ": " : ":", j->f);
	}
}

void json_open(struct json *j, const char *key, char bracket)
{
	member(j, key);
	fputc(bracket, j->f);
	if (j->depth < JSON_DEPTH - 1)
		j->depth++;
	j->more[j->depth] = false;
}

void json_close(struct json *j, char bracket)
{
	/* An empty object or array stays on its line: {} and []. */
	if (j->more[j->depth] && j->depth)
		indent(j, j->depth - 1);
	fputc(bracket, j->f);
	if (j->depth > 0)
		j->depth--;
}

void json_str(struct json *j, const char *key, const char *val)
{
	member(j, key);
	quoted(j->f, val);
}

void json_u64(struct json *j, const char *key, uint64_t val)
{
	member(j, key);
	fprintf(j->f, "%" PRIu64, val);
}

void json_int(struct json *j, const char *key, long long val)
{
	member(j, key);
	fprintf(j->f, "%lld", val);
}

void json_bool(struct json *j, const char *key, bool val)
{
	member(j, key);
	fputs(val ? "true" : "false", j->f);
}

void json_null(struct json *j, const char *key)
{
	member(j, key);
	fputs("null", j->f);
}

void json_end(struct json *j)
{
	fputc('\n', j->f);
	j->more[0] = false;
}
