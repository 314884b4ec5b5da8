package com.smartinfra.job.alert;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** One Block Kit block of a Slack message's layout: its type and its text. */
final class SlackBlock {
    final String type;
    final String text;

    private SlackBlock(String type, String text) {
        this.type = type;
        this.text = text;
    }

    static SlackBlock header(String plainText) {
        return new SlackBlock("header", plainText);
    }

    static SlackBlock section(String mrkdwn) {
        return new SlackBlock("section", mrkdwn);
    }

    static SlackBlock context(String mrkdwn) {
        return new SlackBlock("context", mrkdwn);
    }

    static SlackBlock divider() {
        return new SlackBlock("divider", "");
    }

    int size() {
        return text.length();
    }

    void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", type);
        switch (type) {
            case "header":
                g.writeObjectFieldStart("text");
                g.writeStringField("type", "plain_text");
                g.writeStringField("text", text);
                g.writeBooleanField("emoji", true);
                g.writeEndObject();
                break;
            case "section":
                g.writeObjectFieldStart("text");
                g.writeStringField("type", "mrkdwn");
                g.writeStringField("text", text);
                g.writeEndObject();
                break;
            case "context":
                g.writeArrayFieldStart("elements");
                g.writeStartObject();
                g.writeStringField("type", "mrkdwn");
                g.writeStringField("text", text);
                g.writeEndObject();
                g.writeEndArray();
                break;
            default:
                break;
        }
        g.writeEndObject();
    }
}
