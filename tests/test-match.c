/* Which tests a --test pattern names, and the names suggested when it names none. */
#include "config.h"

#include <stdio.h>

#include "check.h"
#include "test-match.h"

int main(void)
{
	/* Without a '/': the name in any suite, with glob semantics. */
	CHECK(test_match("nap", "hist", "nap", ""));
	CHECK(test_match("nap", "other", "nap", "n=1"));
	CHECK(test_match("mem*", "quick", "memory triad", ""));
	CHECK(test_match("*triad", "quick", "memory triad", "n=2"));
	CHECK(test_match("memory triad n=?", "quick", "memory triad", "n=2"));
	CHECK(!test_match("na", "hist", "nap", ""));
	CHECK(!test_match("hist", "hist", "nap", ""));
	CHECK(!test_match("*hist*", "hist", "nap", ""));
	/* With a '/': suite/name, with or without the variant. */
	CHECK(test_match("hist/nap", "hist", "nap", ""));
	CHECK(test_match("quick/*", "quick", "memory triad", "n=2"));
	CHECK(test_match("*/mem*", "quick", "memory triad", ""));
	CHECK(test_match("quick/render res=720", "quick", "render", "res=720"));
	CHECK(!test_match("quick/render res=1080", "quick", "render", "res=720"));
	CHECK(!test_match("other/nap", "hist", "nap", ""));
	CHECK(!test_match("*/nap", "hist", "naps", ""));
	/* A name that holds wildcards matches itself; no pattern matches everything. */
	CHECK(test_match("a[1]", "s", "a[1]", ""));
	CHECK(test_match("s/a[1]", "s", "a[1]", ""));
	CHECK(test_match(NULL, "s", "x", ""));

	const char *names[] = { "hist/nap", "hist/true", "quick/memory triad", "quick/memcpy", "quick/render",
	                        "cpu/matrix", "cpu/nap-long" };
	const size_t n = sizeof names / sizeof *names;
	const char *out[3];
	/* Case first, then a word of the pattern, then a few edits. */
	CHECK_INT(test_match_suggest("Nap", names, n, out, 3), 2);
	CHECK_STR(out[0], "hist/nap");
	CHECK_STR(out[1], "cpu/nap-long");
	CHECK_INT(test_match_suggest("memroy", names, n, out, 3), 2);
	CHECK_STR(out[0], "quick/memory triad");   /* one swap from its start */
	CHECK_STR(out[1], "quick/memcpy");         /* two letters off */
	CHECK_INT(test_match_suggest("mem*x", names, n, out, 3), 2);
	CHECK_STR(out[0], "quick/memory triad");
	CHECK_STR(out[1], "quick/memcpy");
	CHECK_INT(test_match_suggest("rendr", names, n, out, 3), 1);
	CHECK_STR(out[0], "quick/render");
	/* A word of the suite: the whole name shows how to ask for it. */
	CHECK_INT(test_match_suggest("*quick*", names, n, out, 3), 3);
	CHECK_STR(out[0], "quick/memory triad");
	CHECK_STR(out[2], "quick/render");
	/* With a '/', measured against suite/name. */
	CHECK_INT(test_match_suggest("hist/map", names, n, out, 3), 1);
	CHECK_STR(out[0], "hist/nap");
	/* At most max, and nothing for what is near nothing. */
	CHECK_INT(test_match_suggest("*quick*", names, n, out, 1), 1);
	CHECK_INT(test_match_suggest("x?", names, n, out, 3), 0);
	CHECK_INT(test_match_suggest("zzzzzz", names, n, out, 3), 0);
	CHECK_INT(test_match_suggest("[abc]?", names, n, out, 3), 0);
	return check_result();
}
