#!/bin/sh
# Leaves the image clean: no uploaded files, no package caches, empty logs.
set -e
. /etc/os-release
sudo rm -rf /tmp/kiln-*
if [ "${ID}" = ubuntu ]; then
    sudo apt-get -y -q autoremove
    sudo apt-get -q clean
fi
sudo find /var/log -type f -exec truncate -s 0 {} +
echo "cleanup: done"
