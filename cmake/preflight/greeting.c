#include "greeting.h"

unsigned long greeting_checksum(const char *text)
{
  unsigned long sum = 0;

  while(*text) {
    sum += (unsigned char)*text;
    text++;
  }
  return sum;
}
