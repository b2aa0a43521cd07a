package io.agentstore.anthropic.internal;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.core.ClientOptions;
import com.anthropic.services.blocking.BetaService;
import com.anthropic.services.blocking.FileService;
import com.anthropic.services.blocking.MessageService;
import com.anthropic.services.blocking.ModelService;
import com.anthropic.services.blocking.OrganizationService;
import com.anthropic.services.blocking.SkillService;
import com.anthropic.services.blocking.UserProfileService;
import io.agentstore.BackgroundRecorder;
import io.agentstore.core.CallContext;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An {@link AnthropicClient} whose {@link #messages()} are recorded; every other service is the wrapped
 * client's own. {@link #close()} closes the wrapped client and writes what is still queued.
 */
public final class InstrumentedClient implements AnthropicClient {
    private final AnthropicClient delegate;
    private final BackgroundRecorder recorder;
    private final Supplier<CallContext> context;
    private final MessageService messages;

    /** Wraps {@code delegate}; calls are attributed to what {@code context} gives at each call. */
    public InstrumentedClient(AnthropicClient delegate, BackgroundRecorder recorder, Supplier<CallContext> context) {
        this.delegate = delegate;
        this.recorder = recorder;
        this.context = context;
        this.messages = new InstrumentedMessages(delegate.messages(), recorder, context);
    }

    @Override
    public AnthropicClientAsync async() {
        return delegate.async();
    }

    @Override
    public AnthropicClient.WithRawResponse withRawResponse() {
        return delegate.withRawResponse();
    }

    @Override
    public ClientOptions options() {
        return delegate.options();
    }

    @Override
    public AnthropicClient withOptions(Consumer<ClientOptions.Builder> modifier) {
        return new InstrumentedClient(delegate.withOptions(modifier), recorder, context);
    }

    @Override
    public MessageService messages() {
        return messages;
    }

    @Override
    public ModelService models() {
        return delegate.models();
    }

    @Override
    public FileService files() {
        return delegate.files();
    }

    @Override
    public SkillService skills() {
        return delegate.skills();
    }

    @Override
    public UserProfileService userProfiles() {
        return delegate.userProfiles();
    }

    @Override
    public OrganizationService organization() {
        return delegate.organization();
    }

    @Override
    public BetaService beta() {
        return delegate.beta();
    }

    @Override
    public void close() {
        try {
            delegate.close();
        } finally {
            recorder.close();
        }
    }

    @Override
    public String toString() {
        return "InstrumentedAnthropic[" + delegate + "]";
    }
}
