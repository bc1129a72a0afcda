/* wake.h - the self-pipe that wakes the main loop.
 *
 * Any thread calls wake_notify() after handing the main thread something; the main loop
 * polls wake_fd() together with the keyboard and signals, and calls wake_drain() before
 * draining its queues. Notifying never blocks: a full pipe already means "wake up".
 */
#ifndef BENCHTOP_WAKE_H
#define BENCHTOP_WAKE_H

int  wake_init(void);     /* 0, or -1 */
void wake_close(void);
int  wake_fd(void);
void wake_notify(void);
void wake_drain(void);

#endif
