#!/bin/sh
# Installs the app on top of the base: its service script in /opt/app/bin and an init script so it starts at
# boot. Runs as root (the shell provisioner's execute command wraps it in sudo -E).
set -e
# mkdir, cp and chmod rather than install(1): busybox, the container images' base, has no install.
mkdir -p /opt/app/bin /etc/init.d
cp /tmp/kiln-snowflake/app /opt/app/bin/app
cp /tmp/kiln-snowflake/app.init /etc/init.d/app
chmod 755 /opt/app/bin/app /etc/init.d/app
echo "app: installed /opt/app/bin/app (version ${APP_VERSION}) and /etc/init.d/app"
echo "APP_VERSION=${APP_VERSION}" > /opt/app/version

if [ -d /run/systemd/system ]; then
    update-rc.d app defaults
    echo "app: registered with the init system, starts at boot"
else
    # Kiln's local machines and containers have no init system; on AWS (Ubuntu, systemd) the branch above
    # registers the script, and systemd starts it at boot through its SysV compatibility.
    echo "app: no init system here; on AWS this registers /etc/init.d/app with update-rc.d"
fi
