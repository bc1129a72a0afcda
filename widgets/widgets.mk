# Widgets: each draws into a plain cell grid (widgets/grid.h) that tests can read.
libbenchtop_a_SOURCES += \
	widgets/utf8.h widgets/utf8.c \
	widgets/ascii.h widgets/ascii.c \
	widgets/roles.h widgets/roles.c \
	widgets/grid.h widgets/grid.c \
	widgets/scale.h widgets/scale.c \
	widgets/box.h widgets/box.c \
	widgets/gauge.h widgets/gauge.c \
	widgets/sparkline.h widgets/sparkline.c \
	widgets/graph.h widgets/graph.c \
	widgets/table.h widgets/table.c \
	widgets/text.h widgets/text.c

# Themes: what each color role looks like (src/theme.*), and the theme files.
libbenchtop_a_SOURCES += src/view/theme.h src/view/theme.c src/view/theme-degrade.c
themesdir = $(pkgdatadir)/themes
dist_themes_DATA = \
	themes/default.theme \
	themes/high-contrast.theme \
	themes/mono.theme \
	themes/solarized-dark.theme

check_PROGRAMS += tests/test-widgets tests/test-widgets-text tests/test-theme
TESTS += tests/test-widgets tests/test-widgets-text tests/test-theme
tests_test_widgets_SOURCES = tests/test-widgets.c tests/grid-check.h
tests_test_widgets_text_SOURCES = tests/test-widgets-text.c tests/grid-check.h
tests_test_theme_SOURCES = tests/test-theme.c
