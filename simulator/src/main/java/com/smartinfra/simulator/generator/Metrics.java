package com.smartinfra.simulator.generator;

/**
 * One host's values at one instant, reused between samples to keep the hot path allocation-light.
 */
final class Metrics {
    double cpu;
    double memory;
    double disk;
    double diskIo;
    double netIo;
}
