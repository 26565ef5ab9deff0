package com.example.payments.vipps.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;

import com.example.payments.vipps.simulator.SimulatedPayment.Status;
import com.example.payments.vipps.simulator.engine.VippsPayloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A person pays on the landing page, in a real headless Chromium, on a phone (390x844,
 * emulated as a touch device: the page is laid out at the viewport's width only when it
 * says so) and on a desktop. The page names merchant, order and amount, fits the screen
 * without scrolling sideways, and after the decision says what happened and takes the
 * person back to the shop's {@code fallBack}. Skipped when Chromium is missing, unless
 * {@code -Dbrowser.tests.required=true} (CI), then it fails.
 */
class LandingPageBrowserIT {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final String MSN = SimulatorFixture.MSN;

	private final SimulatorFixture fixture = new SimulatorFixture();

	private WebDriver browser;

	private Path profile;

	@BeforeEach
	void requireBrowser() {
		boolean available = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!available && Boolean.getBoolean("browser.tests.required")) {
			throw new IllegalStateException("browser.tests.required=true but " + CHROMIUM + " or " + CHROMEDRIVER
					+ " is missing (apt-get install chromium chromium-driver)");
		}
		Assumptions.assumeTrue(available, "Chromium or ChromeDriver not installed at " + CHROMIUM + " / " + CHROMEDRIVER
				+ ": skipping the browser test");
	}

	private void startBrowser(Screen screen) throws IOException {
		// Explicit paths: Selenium Manager must never try to download a browser or
		// driver.
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
		this.profile = Files.createTempDirectory("vipps-sim-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
				"--user-data-dir=" + this.profile);
		screen.configure(options);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.build();
		this.browser = new ChromeDriver(service, options);
	}

	@AfterEach
	void stop() throws IOException {
		if (this.browser != null) {
			this.browser.quit();
		}
		this.fixture.close();
		if (this.profile != null) {
			try (var files = Files.walk(this.profile)) {
				files.sorted(Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
			}
		}
	}

	@ParameterizedTest
	@EnumSource(Screen.class)
	void personApprovesSeesWhatHappenedAndReturnsToTheShop(Screen screen) throws IOException {
		startBrowser(screen);
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		// The longest orderId Vipps allows, with no place to break it: must still fit.
		String orderId = "acme-shop-123-" + "9".repeat(30) + screen.ordinal() + "-" + System.nanoTime() % 1000;
		String fallBack = this.fixture.merchant.baseUrl() + "/result/" + orderId;
		String url = this.fixture.client(sim)
			.initiate(VippsTestClient.regular(MSN, orderId, 24950, this.fixture.merchant.baseUrl())
				.replace("https://shop.example.com/result/" + orderId, fallBack))
			.json()
			.get("url")
			.asString();
		this.browser.get(url);
		assertThat(this.browser.getTitle()).isEqualTo("Pay 249,50 kr to Acme Socks");
		assertThat(text("merchant")).isEqualTo("Acme Socks");
		assertThat(text("order")).isEqualTo(orderId);
		assertThat(text("amount")).isEqualTo("249,50 kr");
		assertFitsTheScreen(screen);
		element(By.id("approve")).click();
		assertThat(text("result")).isEqualTo("Payment approved");
		assertThat(this.browser.getTitle()).isEqualTo("Payment approved - Acme Socks");
		assertThat(text("merchant")).isEqualTo("Acme Socks");
		assertThat(text("order")).isEqualTo(orderId);
		assertThat(text("amount")).isEqualTo("249,50 kr");
		assertThat(element(By.id("fallback")).getAttribute("href")).isEqualTo(fallBack);
		assertFitsTheScreen(screen);
		assertThat(sim.payment(MSN, orderId).orElseThrow().status()).isEqualTo(Status.RESERVED);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.fixture.merchant.callbacks().size() == 1);
		assertThat(VippsPayloads.parse(this.fixture.merchant.callbacks().get(0).body())
			.get("transactionInfo")
			.get("status")
			.asString()).isEqualTo("RESERVED");
		// The page sends the person back to the shop by itself.
		await().atMost(Duration.ofSeconds(20)).until(() -> fallBack.equals(this.browser.getCurrentUrl()));
	}

	@ParameterizedTest
	@EnumSource(Screen.class)
	void personPicksAnAddressAndShippingAndSeesTheTotal(Screen screen) throws IOException {
		startBrowser(screen);
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		String orderId = SimulatorFixture.orderId();
		String url = this.fixture.client(sim)
			.initiate(VippsTestClient.express(MSN, orderId, 20000, this.fixture.merchant.baseUrl(), true)
				.replace("\"shippingCost\":199.0", "\"shippingCost\":49.5"))
			.json()
			.get("url")
			.asString();
		this.browser.get(url);
		assertThat(text("merchant")).isEqualTo("Acme Socks");
		assertThat(text("order")).isEqualTo(orderId);
		assertFitsTheScreen(screen);
		element(By.id("address-3961")).click();
		element(By.id("continue")).click();
		assertThat(text("cost-posten-sp")).isEqualTo("99,00 kr");
		assertThat(text("heading")).isEqualTo("Choose shipping");
		assertThat(text("total-posten-sp")).isEqualTo("299,00 kr");
		assertThat(text("cost-home")).isEqualTo("49,50 kr");
		assertThat(text("total-home")).isEqualTo("249,50 kr");
		assertFitsTheScreen(screen);
		element(By.id("method-home")).click();
		element(By.id("approve")).click();
		assertThat(text("result")).isEqualTo("Payment approved");
		assertThat(text("amount")).isEqualTo("200,00 kr");
		assertThat(text("shipping")).isEqualTo("Home delivery 49,50 kr");
		assertThat(text("total")).isEqualTo("249,50 kr");
		SimulatedPayment payment = sim.payment(MSN, orderId).orElseThrow();
		assertThat(payment.status()).isEqualTo(Status.RESERVED);
		assertThat(payment.shipping().shippingMethodId()).isEqualTo("home");
		assertThat(payment.shipping().address().addressId()).isEqualTo(3961);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.fixture.merchant.callbacks().size() == 1);
	}

	@ParameterizedTest
	@EnumSource(Screen.class)
	void personCancelsAndIsToldNothingWasCharged(Screen screen) throws IOException {
		startBrowser(screen);
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		String orderId = SimulatorFixture.orderId();
		this.browser.get(this.fixture.client(sim)
			.initiate(MSN, orderId, 20000, this.fixture.merchant.baseUrl())
			.json()
			.get("url")
			.asString());
		element(By.id("reject")).click();
		assertThat(text("result")).isEqualTo("Payment cancelled");
		assertThat(text("message")).contains("Nothing was charged");
		assertThat(text("amount")).isEqualTo("200,00 kr");
		assertFitsTheScreen(screen);
		assertThat(sim.payment(MSN, orderId).orElseThrow().status()).isEqualTo(Status.CANCELLED);
	}

	@ParameterizedTest
	@EnumSource(Screen.class)
	void shippingFailureIsToldInPlainWordsWithAWayBack(Screen screen) throws IOException {
		startBrowser(screen);
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		this.fixture.merchant.shippingAnswer("{\"addressId\":1,\"orderId\":\"x\",\"shippingDetails\":[]}");
		String orderId = SimulatorFixture.orderId();
		this.browser.get(this.fixture.client(sim)
			.initiate(VippsTestClient.express(MSN, orderId, 20000, this.fixture.merchant.baseUrl(), false))
			.json()
			.get("url")
			.asString());
		element(By.id("continue")).click();
		assertThat(text("result")).isEqualTo("No shipping available");
		assertThat(text("message")).contains("Acme Socks could not offer shipping").doesNotContain("addressId");
		assertThat(element(By.id("fallback")).getAttribute("href")).isEqualTo("https://shop.example.com/r");
		assertFitsTheScreen(screen);
	}

	/**
	 * The page is laid out at the screen's width (on the phone only thanks to its
	 * viewport tag) and nothing sticks out sideways.
	 */
	private void assertFitsTheScreen(Screen screen) {
		JavascriptExecutor js = (JavascriptExecutor) this.browser;
		long viewport = ((Number) js.executeScript("return window.innerWidth;")).longValue();
		long content = ((Number) js.executeScript("return document.documentElement.scrollWidth;")).longValue();
		assertThat(viewport).as("layout viewport width").isEqualTo(screen.width);
		assertThat(content).as("content width at %d px", viewport).isLessThanOrEqualTo(viewport);
	}

	private String text(String id) {
		return element(By.id(id)).getText();
	}

	/**
	 * Find an element, waiting for it: a click submits a form, and the next page may not
	 * have loaded yet when the click returns.
	 */
	private WebElement element(By by) {
		return new WebDriverWait(this.browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.presenceOfElementLocated(by));
	}

	/**
	 * The screens the page must work on.
	 */
	enum Screen {

		/**
		 * An iPhone-sized touch screen, with a mobile browser's 980 px default layout
		 * width unless the page asks for the device width.
		 */
		PHONE(390, 844) {
			@Override
			void configure(ChromeOptions options) {
				options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
						Map.of("width", this.width, "height", this.height, "pixelRatio", 3.0, "touch", true),
						"userAgent",
						"Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
								+ "Version/17.0 Mobile/15E148 Safari/604.1"));
			}
		},

		/**
		 * A laptop.
		 */
		DESKTOP(1280, 900) {
			@Override
			void configure(ChromeOptions options) {
				options.addArguments("--window-size=" + this.width + "," + this.height);
			}
		};

		final int width;

		final int height;

		Screen(int width, int height) {
			this.width = width;
			this.height = height;
		}

		abstract void configure(ChromeOptions options);

	}

}
