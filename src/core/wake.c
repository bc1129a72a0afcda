#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "wake.h"

static int wake_pipe[2] = { -1, -1 };

int wake_init(void)
{
	if (wake_pipe[0] >= 0)
		return 0;
	return pipe2(wake_pipe, O_NONBLOCK | O_CLOEXEC);
}

void wake_close(void)
{
	for (int i = 0; i < 2; i++) {
		if (wake_pipe[i] >= 0)
			close(wake_pipe[i]);
		wake_pipe[i] = -1;
	}
}

int wake_fd(void)
{
	return wake_pipe[0];
}

void wake_notify(void)
{
	if (wake_pipe[1] < 0)
		return;
	char c = 1;
	ssize_t n;
	do
		n = write(wake_pipe[1], &c, 1);
	while (n < 0 && errno == EINTR);
}

void wake_drain(void)
{
	char buf[256];
	if (wake_pipe[0] < 0)
		return;
	while (read(wake_pipe[0], buf, sizeof buf) > 0)
		;
}
