#!/bin/sh
# The baseline of every image built on the base: UTC clock, up-to-date packages, the static site under
# /srv/www and the login user's settings in ~/.config/kiln-demo. Runs as the login user; sudo where needed.
set -e
. /etc/os-release
echo "baseline: on ${PRETTY_NAME}"

sudo ln -sf /usr/share/zoneinfo/UTC /etc/localtime
if [ "${ID}" = ubuntu ]; then
    export DEBIAN_FRONTEND=noninteractive
    sudo -E apt-get update -q
    sudo -E apt-get -y -q upgrade
else
    # Kiln's local machines run the host's programs over their own files, and its local container image is
    # busybox; neither has network or package database: there is nothing to upgrade. On AWS (Ubuntu) this
    # branch is not taken.
    echo "baseline: ${ID} has no package database; on AWS (Ubuntu) this runs apt-get update and upgrade"
fi

sudo mkdir -p /srv/www
sudo cp -R /tmp/kiln-base/site/. /srv/www/
mkdir -p "${HOME}/.config/kiln-demo"
cp /tmp/kiln-base/site.conf "${HOME}/.config/kiln-demo/site.conf"
echo "baseline: site in /srv/www ($(ls /srv/www | wc -l) files), settings in ${HOME}/.config/kiln-demo/site.conf"
