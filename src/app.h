/* app.h - owns every part, starts and stops them in order, runs the main loop. */
#ifndef BENCHTOP_APP_H
#define BENCHTOP_APP_H

int app_main(int argc, char **argv);

#endif
