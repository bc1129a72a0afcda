# The core: frames, rings, queues, the store, the sampler, the command line and the views.
libbenchtop_a_SOURCES += \
	src/util.h src/util.c \
	src/buf.h src/buf.c \
	src/frame.h src/frame.c \
	src/ring.h src/ring.c \
	src/queue.h src/queue.c \
	src/wake.h src/wake.c \
	src/store.h src/store.c \
	src/sampler.h src/sampler.c \
	src/cli.h src/cli.c \
	src/logline.h src/logline.c \
	src/headless.h src/headless.c \
	src/layout.h src/layout.c \
	src/term.h src/term.c \
	src/tui.h src/tui-view.h src/tui.c src/tui-panels.c src/tui-tables.c src/tui-overlays.c \
	src/command.h src/app-command.c src/model.h src/app-model.c src/view.h src/view.c \
	src/app.h src/app.c src/app-run.c src/app-report.c src/app-detach.c src/app-list.c \
	src/instance.h src/instance.c src/cmd-instance.h src/cmd-instance.c
