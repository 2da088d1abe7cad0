#ifndef GREETING_H
#define GREETING_H

#if defined(_WIN32) && defined(GREETING_BUILDING_DLL)
#define GREETING_API __declspec(dllexport)
#elif defined(_WIN32) && defined(GREETING_USING_DLL)
#define GREETING_API __declspec(dllimport)
#else
#define GREETING_API
#endif

/* Returns the sum of the bytes of text; the caller checks it, so the call cannot be folded. */
GREETING_API unsigned long greeting_checksum(const char *text);

#endif
