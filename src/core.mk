# The core: frames, rings, queues, the store, the sampler, the command line and the views.
libbenchtop_a_SOURCES += \
	src/util.h src/util.c \
	src/frame.h src/frame.c \
	src/ring.h src/ring.c \
	src/queue.h src/queue.c \
	src/wake.h src/wake.c \
	src/store.h src/store.c \
	src/sampler.h src/sampler.c \
	src/app.h src/app.c
