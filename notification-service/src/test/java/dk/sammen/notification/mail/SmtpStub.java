package dk.sammen.notification.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny SMTP server on a real socket whose replies to {@code RCPT TO} are scripted, for what
 * GreenMail cannot do: refuse a recipient for good (550) or for now (451). Everything else it
 * accepts, and it counts what it saw.
 */
final class SmtpStub implements AutoCloseable {

	private final ServerSocket server;

	private final Queue<String> rcptReplies = new ConcurrentLinkedQueue<>();

	private final AtomicInteger connections = new AtomicInteger();

	private final AtomicInteger recipientsOffered = new AtomicInteger();

	private final AtomicInteger messagesAccepted = new AtomicInteger();

	private final Thread acceptor;

	private final String otherRcptReply;

	/** @param rcptReplies the replies to the first {@code RCPT TO} commands, in order; then 250 */
	SmtpStub(String... rcptReplies) throws IOException {
		this(0, "250 2.1.5 OK", rcptReplies);
	}

	private SmtpStub(int port, String otherRcptReply, String... rcptReplies) throws IOException {
		this.rcptReplies.addAll(List.of(rcptReplies));
		this.otherRcptReply = otherRcptReply;
		this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
		this.acceptor = Thread.ofPlatform().daemon().name("smtp-stub").start(this::accept);
	}

	/** A relay on {@code port} that answers every {@code RCPT TO} with {@code reply}, e.g. a 550. */
	static SmtpStub refusingEveryone(int port, String reply) throws IOException {
		return new SmtpStub(port, reply);
	}

	int port() {
		return this.server.getLocalPort();
	}

	int connections() {
		return this.connections.get();
	}

	int recipientsOffered() {
		return this.recipientsOffered.get();
	}

	int messagesAccepted() {
		return this.messagesAccepted.get();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try (Socket socket = this.server.accept()) {
				this.connections.incrementAndGet();
				converse(socket);
			}
			catch (IOException ex) {
				// the client hung up or the stub is closing; take the next connection
			}
		}
	}

	private void converse(Socket socket) throws IOException {
		BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
		Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.ISO_8859_1);
		reply(out, "220 stub.example ESMTP");
		String line;
		while ((line = in.readLine()) != null) {
			String command = line.toUpperCase(Locale.ROOT);
			if (command.startsWith("EHLO") || command.startsWith("HELO")) {
				reply(out, "250 stub.example");
			}
			else if (command.startsWith("RCPT")) {
				this.recipientsOffered.incrementAndGet();
				String scripted = this.rcptReplies.poll();
				reply(out, (scripted != null) ? scripted : this.otherRcptReply);
			}
			else if (command.equals("DATA")) {
				reply(out, "354 End data with <CR><LF>.<CR><LF>");
				String data = in.readLine();
				while (data != null && !data.equals(".")) {
					data = in.readLine();
				}
				this.messagesAccepted.incrementAndGet();
				reply(out, "250 2.0.0 OK queued");
			}
			else if (command.equals("QUIT")) {
				reply(out, "221 2.0.0 Bye");
				return;
			}
			else {
				reply(out, "250 OK");
			}
		}
	}

	private static void reply(Writer out, String reply) throws IOException {
		out.write(reply + "\r\n");
		out.flush();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		try {
			this.acceptor.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
