# Widgets: each draws into a plain cell grid (widgets/grid.h) that tests can read.
