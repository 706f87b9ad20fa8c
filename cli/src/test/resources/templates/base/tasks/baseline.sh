#!/bin/sh
set -e
echo baseline
