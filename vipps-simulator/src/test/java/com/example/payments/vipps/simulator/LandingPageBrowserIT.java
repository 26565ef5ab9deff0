package com.example.payments.vipps.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;

import com.example.payments.vipps.simulator.SimulatedPayment.Status;
import com.example.payments.vipps.simulator.engine.VippsPayloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
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
 * A person approves on the landing page, in a real headless Chromium. Skipped when
 * Chromium is missing, unless {@code -Dbrowser.tests.required=true} (CI), then it fails.
 */
class LandingPageBrowserIT {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final String MSN = SimulatorFixture.MSN;

	private final SimulatorFixture fixture = new SimulatorFixture();

	private WebDriver browser;

	private Path profile;

	@BeforeEach
	void startBrowser() throws IOException {
		boolean available = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!available && Boolean.getBoolean("browser.tests.required")) {
			throw new IllegalStateException("browser.tests.required=true but " + CHROMIUM + " or " + CHROMEDRIVER
					+ " is missing (apt-get install chromium chromium-driver)");
		}
		Assumptions.assumeTrue(available, "Chromium or ChromeDriver not installed at " + CHROMIUM + " / " + CHROMEDRIVER
				+ ": skipping the browser test");
		// Explicit paths: Selenium Manager must never try to download a browser or
		// driver.
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
		this.profile = Files.createTempDirectory("vipps-sim-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
				"--user-data-dir=" + this.profile);
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

	@Test
	void personApprovesOnTheLandingPageAndTheMerchantGetsTheCallback() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		String orderId = SimulatorFixture.orderId();
		String url = initiateRegularPayment(sim, orderId);
		this.browser.get(url);
		assertThat(element(By.id("amount")).getText()).isEqualTo("200,00 kr");
		element(By.id("approve")).click();
		assertThat(element(By.id("result")).getText()).isEqualTo("Payment approved");
		assertThat(sim.payment(MSN, orderId).orElseThrow().status()).isEqualTo(Status.RESERVED);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.fixture.merchant.callbacks().size() == 1);
		assertThat(VippsPayloads.parse(this.fixture.merchant.callbacks().get(0).body())
			.get("transactionInfo")
			.get("status")
			.asString()).isEqualTo("RESERVED");
	}

	@Test
	void personPicksAnAddressAndShippingMethodInAnExpressCheckout() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		String orderId = SimulatorFixture.orderId();
		String url = this.fixture.client(sim)
			.initiate(VippsTestClient.express(MSN, orderId, 20000, this.fixture.merchant.baseUrl(), true))
			.json()
			.get("url")
			.asString();
		this.browser.get(url);
		element(By.id("address-3961")).click();
		element(By.id("continue")).click();
		element(By.id("method-home")).click();
		element(By.id("approve")).click();
		assertThat(element(By.id("result")).getText()).isEqualTo("Payment approved");
		SimulatedPayment payment = sim.payment(MSN, orderId).orElseThrow();
		assertThat(payment.status()).isEqualTo(Status.RESERVED);
		assertThat(payment.shipping().shippingMethodId()).isEqualTo("home");
		assertThat(payment.shipping().address().addressId()).isEqualTo(3961);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.fixture.merchant.callbacks().size() == 1);
	}

	@Test
	void personCancelsOnTheLandingPage() {
		VippsSimulator sim = this.fixture.start((builder) -> {
		});
		String orderId = SimulatorFixture.orderId();
		String url = initiateRegularPayment(sim, orderId);
		this.browser.get(url);
		element(By.id("reject")).click();
		assertThat(element(By.id("result")).getText()).isEqualTo("Payment cancelled");
		assertThat(sim.payment(MSN, orderId).orElseThrow().status()).isEqualTo(Status.CANCELLED);
	}

	private String initiateRegularPayment(VippsSimulator sim, String orderId) {
		return this.fixture.client(sim)
			.initiate(MSN, orderId, 20000, this.fixture.merchant.baseUrl())
			.json()
			.get("url")
			.asString();
	}

	/**
	 * Find an element, waiting for it: a click submits a form, and the next page may not
	 * have loaded yet when the click returns.
	 */
	private WebElement element(By by) {
		return new WebDriverWait(this.browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.presenceOfElementLocated(by));
	}

}
