package com.smartinfra.api.writeaccess;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The API token a write must carry, as {@code Authorization: Bearer <token>} (or {@code Token
 * <token>}, the scheme InfluxDB clients use). Only its SHA-256 digest is kept, and a presented
 * token is compared digest to digest with {@link MessageDigest#isEqual}: the time taken says
 * nothing about how much of it was right, nor how long it is.
 */
final class ApiToken {
    private static final String[] SCHEMES = {"bearer", "token"};

    private final byte[] digest;

    ApiToken(char[] token) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(token));
        byte[] raw = Arrays.copyOfRange(bytes.array(), bytes.position(), bytes.limit());
        this.digest = sha256(raw);
        Arrays.fill(raw, (byte) 0);
        Arrays.fill(bytes.array(), (byte) 0);
    }

    /** True when {@code authorization} (the header, null when absent) carries the token. */
    boolean accepts(String authorization) {
        if (authorization == null) {
            return false;
        }
        String header = authorization.trim();
        int space = header.indexOf(' ');
        if (space < 0) {
            return false;
        }
        String scheme = header.substring(0, space).toLowerCase(Locale.ROOT);
        String credentials = header.substring(space + 1).trim();
        if (!Arrays.asList(SCHEMES).contains(scheme) || credentials.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
