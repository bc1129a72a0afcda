/* store-wire.h - a store (store.h) as bytes, and back: what a viewer's replica starts from.
 * Each ring travels as its values oldest first; the copy pushed the same frames afterwards
 * evolves as the original does. Main thread of either side. */
#ifndef BENCHTOP_STORE_WIRE_H
#define BENCHTOP_STORE_WIRE_H

#include "attach-wire.h"
#include "store.h"

void store_wire_put(struct wire_buf *b, const struct store *s);
/* Fills s (store_free'd first when it holds anything); 0, or -1 when the bytes are not a store. */
int  store_wire_get(struct wire_rd *r, struct store *s);

#endif
