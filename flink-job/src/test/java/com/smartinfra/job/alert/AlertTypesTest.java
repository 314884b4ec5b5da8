package com.smartinfra.job.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.schema.SilenceCommand;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.ObjectArrayTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

/**
 * Everything alerting keeps in state or sends between operators is a Flink POJO all the way down:
 * serialized without Kryo, and its state can gain fields in a later version (POJO evolution).
 */
class AlertTypesTest {
    @Test
    void stateAndRecordsArePojosWithoutGenericFields() {
        for (Class<?> c :
                List.of(
                        Signal.class,
                        PendingTick.class,
                        AlertState.class,
                        HostState.class,
                        AlertItem.class,
                        Notification.class,
                        OutboxEntry.class,
                        SilenceCommand.class,
                        AlertDelivery.class)) {
            assertPojo(TypeInformation.of(c), c.getSimpleName());
        }
    }

    private static void assertPojo(TypeInformation<?> t, String path) {
        assertThat(t).as(path).isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<?> p = (PojoTypeInfo<?>) t;
        for (int i = 0; i < p.getArity(); i++) {
            TypeInformation<?> f = p.getPojoFieldAt(i).getTypeInformation();
            String name = path + "." + p.getPojoFieldAt(i).getField().getName();
            assertThat(f).as(name).isNotInstanceOf(GenericTypeInfo.class);
            if (f instanceof PojoTypeInfo) {
                assertPojo(f, name);
            } else if (f instanceof ObjectArrayTypeInfo) {
                assertPojo(((ObjectArrayTypeInfo<?, ?>) f).getComponentInfo(), name + "[]");
            }
        }
    }
}
