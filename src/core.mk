# The core: frames, rings, queues, the store, the sampler, the command line and the views.
libbenchtop_a_SOURCES += \
	src/lib/util.h src/lib/util.c \
	src/lib/cmdline-text.h src/lib/cmdline-text.c \
	src/lib/buf.h src/lib/buf.c \
	src/lib/json-number.h src/lib/json-number.c \
	src/core/frame.h src/core/frame.c \
	src/core/ring.h src/core/ring.c \
	src/core/queue.h src/core/queue.c \
	src/core/wake.h src/core/wake.c \
	src/core/store.h src/core/store.c \
	src/core/sampler.h src/core/sampler.c \
	src/core/cli.h src/core/cli.c \
	src/view/logline.h src/view/logline.c \
	src/view/headless.h src/view/headless.c \
	src/view/layout.h src/view/layout.c \
	src/view/term.h src/view/term.c \
	src/view/tui.h src/view/tui-view.h src/view/tui.c src/view/tui-panels.c src/view/tui-tables.c src/view/tui-stress.c src/view/tui-overlays.c \
	src/view/tui-scratch.c \
	src/core/command.h src/core/app-command.c src/core/model.h src/core/app-model.c src/view/view.h src/view/view.c \
	src/core/app.h src/core/app.c src/core/app-run.c src/core/app-report.c src/core/app-detach.c src/core/app-list.c \
	src/core/instance.h src/core/instance.c src/core/instance-ended.h src/core/instance-ended.c src/core/cmd-instance.h src/core/cmd-instance.c
