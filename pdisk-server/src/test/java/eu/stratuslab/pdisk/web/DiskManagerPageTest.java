package eu.stratuslab.pdisk.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import eu.stratuslab.pdisk.support.OnAPdisk;
import eu.stratuslab.pdisk.support.PdiskFixture;
import eu.stratuslab.pdisk.support.SystemTools;
import eu.stratuslab.pdisk.support.TestAuthLayer;

/** svc-pdisk.html in headless Chromium: log in, create, see mounts, edit the tag, delete. */
public class DiskManagerPageTest extends OnAPdisk {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private ChromeDriverService service;
    private WebDriver driver;
    private WebDriverWait wait;
    private Path profile;

    @Before
    public void startBrowser() throws Exception {
        SystemTools.require(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM), "chromium + chromedriver");
        profile = Files.createTempDirectory("pdisk-chrome");
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort().build();
        service.start();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile);
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class); // the table is re-rendered after every action
    }

    @After
    public void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        PdiskFixture.deleteTree(profile);
    }

    private WebElement row(String tag) {
        return wait.until(d -> d.findElements(By.cssSelector("#disk-rows tr")).stream()
                .filter(r -> r.findElement(By.className("tag")).getText().equals(tag)).findFirst().orElse(null));
    }

    private static String cell(WebElement row, String cls) {
        return row.findElement(By.className(cls)).getText();
    }

    @Test
    public void createEditAndDeleteThroughThePage() {
        String bobPublic = pdisk.create("bob", "size=2&tag=shared+by+bob&visibility=public");
        driver.get(pdisk.endpoint + "/svc-pdisk.html");
        driver.findElement(By.id("login-user")).sendKeys("alice");
        driver.findElement(By.id("login-password")).sendKeys(TestAuthLayer.USERS.get("alice"));
        driver.findElement(By.id("login-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("create-form")));
        assertEquals("Logged in as alice", driver.findElement(By.id("whoami")).getText());

        WebElement bobRow = row("shared by bob");
        assertEquals("bob", cell(bobRow, "owner"));
        assertEquals(bobPublic, cell(bobRow, "uuid"));

        WebElement size = driver.findElement(By.id("create-size"));
        size.clear();
        size.sendKeys("3");
        driver.findElement(By.id("create-tag")).sendKeys("browser disk");
        new Select(driver.findElement(By.id("create-visibility"))).selectByValue("public");
        driver.findElement(By.id("create-button")).click();

        WebElement created = row("browser disk");
        String uuid = created.getAttribute("data-uuid");
        assertEquals("alice", cell(created, "owner"));
        assertEquals("3", cell(created, "size"));
        assertEquals("PUBLIC", cell(created, "visibility"));
        assertEquals("0", cell(created, "users"));
        assertEquals(200, pdisk.get("alice", "disks/" + uuid).statusCode());

        // a mount made through the API shows up after a refresh
        assertEquals(200, pdisk.postForm("alice", "disks/" + uuid + "/mounts/", "node=n1&vm_id=42").statusCode());
        driver.findElement(By.id("refresh")).click();
        wait.until(d -> cell(row("browser disk"), "mounts").equals("42 (vdz)"));
        assertEquals("1", cell(row("browser disk"), "users"));
        assertEquals(200, pdisk.delete("alice", "disks/" + uuid + "/mounts/" + uuid + "_42").statusCode());

        row("browser disk").findElement(By.className("edit")).click();
        WebElement tag = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("edit-tag")));
        tag.clear();
        tag.sendKeys("renamed in browser");
        new Select(driver.findElement(By.id("edit-visibility"))).selectByValue("PRIVATE");
        driver.findElement(By.id("edit-save")).click();
        WebElement renamed = row("renamed in browser");
        assertEquals("PRIVATE", cell(renamed, "visibility"));
        assertEquals("0", cell(renamed, "users"));
        assertEquals("renamed in browser", PdiskFixture.json(pdisk.get("alice", "disks/" + uuid)).get("tag").asText());

        renamed.findElement(By.className("delete")).click();
        wait.until(d -> d.findElements(By.cssSelector("#disk-rows tr[data-uuid='" + uuid + "']")).isEmpty());
        assertTrue(driver.findElement(By.id("status")).getText().startsWith("Deleted " + uuid));
        assertEquals(404, pdisk.get("alice", "disks/" + uuid).statusCode());
        List<WebElement> left = driver.findElements(By.cssSelector("#disk-rows tr"));
        assertEquals(1, left.size());
    }
}
