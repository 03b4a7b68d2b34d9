package dev.dobby.app.testing;

import dev.dobby.protocol.HubApi;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A hub client that passes every call on to a real one and notes which calls a view model made. */
public final class CountedCalls {
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final HubApi api;

    public CountedCalls(HubApi real) {
        this.api = (HubApi) Proxy.newProxyInstance(HubApi.class.getClassLoader(), new Class<?>[] {HubApi.class},
                (proxy, method, args) -> {
                    calls.add(method.getName());
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    public HubApi api() {
        return api;
    }

    /** The names of the methods called so far, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    public void clear() {
        calls.clear();
    }
}
