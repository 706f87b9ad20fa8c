#!/bin/sh
echo docker
