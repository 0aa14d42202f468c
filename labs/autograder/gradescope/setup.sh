#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image (Ubuntu): the
# only thing sockshare needs that the image lacks is a Java 17 runtime. The jar itself
# (sockshare.jar) and the lab's name (LAB) come in the autograder zip with this file.
set -eu
apt-get install -y --no-install-recommends openjdk-17-jre-headless
java -version
