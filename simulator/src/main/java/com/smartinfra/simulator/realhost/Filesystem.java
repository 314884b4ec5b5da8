package com.smartinfra.simulator.realhost;

/**
 * One mounted filesystem as a machine reports it.
 *
 * @param mountPoint where it is mounted, e.g. {@code /}
 * @param fstype its type, e.g. {@code ext4}
 * @param size bytes in all
 * @param free bytes free, including the reserve only root may use
 * @param available bytes free for unprivileged users
 */
public record Filesystem(
        String mountPoint, String fstype, double size, double free, double available) {}
