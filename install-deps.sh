#!/bin/sh
# Installs the Debian packages Moat needs to build and test.
set -e
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends \
  build-essential autoconf automake libtool pkg-config \
  libuv1-dev libmimalloc-dev libgmp-dev libreadline-dev libcriterion-dev
