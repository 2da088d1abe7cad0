/* Prints a line the preflight looks for, computed through the library, so a program that
   starts but cannot call into its library does not pass. */
#include <stdio.h>
#include <string.h>

#include "greeting.h"

int main(int argc, char **argv)
{
  const char *text = "stackprobe";
  unsigned long sum = greeting_checksum(text);
  unsigned long expected = 0;
  size_t i;

  (void)argc;
  (void)argv;
  for(i = 0; i < strlen(text); i++)
    expected += (unsigned char)text[i];
  if(sum != expected) {
    printf("stackprobe preflight: checksum %lu, expected %lu\n", sum, expected);
    return 1;
  }
  printf("stackprobe preflight: runs (%lu)\n", sum);
  return 0;
}
