# Fails with MESSAGE: the command of a step that cannot run, so that it still gets a log and a record.
#   cmake -DMESSAGE=... -P fail.cmake
message(FATAL_ERROR "${MESSAGE}")
